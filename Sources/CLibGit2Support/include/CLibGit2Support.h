#ifndef ROADMAP_CLIBGIT2_SUPPORT_H
#define ROADMAP_CLIBGIT2_SUPPORT_H

/// `git_libgit2_opts` for the argument shapes GitKit uses. The function is variadic, which
/// Swift cannot call; before libgit2 was linked statically GitKit found it with `dlsym`, which
/// does not see a symbol of a static archive.
int roadmap_git_opts_int(int option, int value);
int roadmap_git_opts_int_string(int option, int level, const char *path);
int roadmap_git_opts_strings(int option, const char *file, const char *path);

/// mbedTLS's own certificate-bundle parser, when the link wraps it (`--wrap`, Package.swift):
/// libgit2's calls then reach `__wrap_mbedtls_x509_crt_parse_file` (GitKit's
/// DeferredCertificates) and this name reaches mbedTLS. Declared only; referenced only where
/// the link wraps it.
int __real_mbedtls_x509_crt_parse_file(void *chain, const char *path);

/// SHA-1 of `count` bytes into `digest` through libcrypto where the link has it (the static
/// link of libgit2's libraries): 1 when done, 0 when the caller must hash them itself.
int roadmap_sha1(const void *bytes, unsigned long count, unsigned char digest[20]);

#endif
