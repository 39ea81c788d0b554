#ifndef KINERJA_CLIBCRYPTO_SHIM_H
#define KINERJA_CLIBCRYPTO_SHIM_H
// SHA-256 from OpenSSL's libcrypto, which libpq already links (libpq-dev installs its headers).
// OpenSSL 3 marks the SHA256_* functions deprecated in favour of EVP; they remain, run the same
// block code (SHA-NI or AVX2 where the CPU has them), and their context is a plain struct, so a
// Swift value copies a hash in progress.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#endif
