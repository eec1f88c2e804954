// stub, replaced by the extractor implementation
#include "extract/FactExtractor.h"
