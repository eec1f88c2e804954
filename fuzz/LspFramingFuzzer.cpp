//===- LspFramingFuzzer.cpp - libFuzzer: the LSP base protocol reader -----===//
//
// Reads every frame of the input (any bytes a client may send) until the
// end: no crash, no hang, bounded memory (JsonRpcTransport's limits).
//
//===----------------------------------------------------------------------===//
#include "JsonRpcTransport.h"

#include <cstdint>
#include <cstdio>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  // A temporary file, not a pipe: a pipe holds 64 KiB, the input may not.
  std::FILE *In = std::tmpfile();
  std::FILE *Out = std::fopen("/dev/null", "w");
  if (!In || !Out)
    return 0;
  std::fwrite(Data, 1, Size, In);
  std::fflush(In);
  ::lseek(fileno(In), 0, SEEK_SET);
  {
    relcheck::lsp::JsonRpcTransport T(fileno(In), Out);
    for (unsigned Frames = 0; Frames < 100000; ++Frames) {
      auto Message = T.read();
      if (Message.St == relcheck::lsp::JsonRpcTransport::Status::Eof)
        break;
      if (Message.St == relcheck::lsp::JsonRpcTransport::Status::Message)
        T.send(Message.Message);
    }
  }
  std::fclose(In);
  std::fclose(Out);
  return 0;
}
