#include <stddef.h>
#include "CLibGit2Support.h"

#ifdef ROADMAP_STATIC_LIBGIT2
// libssh2 is linked against OpenSSL's libcrypto (Package.swift), whose SHA-1 uses the CPU's
// SHA instructions where it has them: several times faster than GitKit's portable one on a
// commit-graph's checksum, which a cold history query checks. The low-level calls, not
// `SHA1()`: in OpenSSL 3 that one fetches a provider (reading openssl.cnf on first use) and
// may fail, and a failure here must send the caller to its own SHA-1, not give zeros.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

int roadmap_sha1(const void *bytes, unsigned long count, unsigned char digest[20]) {
    SHA_CTX context;
    if (SHA1_Init(&context) != 1) return 0;
    if (count > 0 && SHA1_Update(&context, bytes, count) != 1) return 0;
    return SHA1_Final(digest, &context) == 1 ? 1 : 0;
}
#else
int roadmap_sha1(const void *bytes, unsigned long count, unsigned char digest[20]) {
    (void)bytes;
    (void)count;
    (void)digest;
    return 0;
}
#endif
