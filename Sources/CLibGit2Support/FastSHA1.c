#include <stddef.h>
#include "CLibGit2Support.h"

#ifdef ROADMAP_STATIC_LIBGIT2
// libssh2 is linked against OpenSSL's libcrypto (Package.swift), whose SHA-1 uses the CPU's
// SHA instructions where it has them: several times faster than GitKit's portable one on a
// commit-graph's checksum, which a cold history query checks.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

int roadmap_sha1(const void *bytes, unsigned long count, unsigned char digest[20]) {
    SHA1((const unsigned char *)bytes, count, digest);
    return 1;
}
#else
int roadmap_sha1(const void *bytes, unsigned long count, unsigned char digest[20]) {
    (void)bytes;
    (void)count;
    (void)digest;
    return 0;
}
#endif
