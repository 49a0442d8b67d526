/*
 * The GSSAPI (Kerberos) calls of libgit2's "Negotiate" HTTP authentication, bound to
 * libgssapi_krb5 on the first call instead of when the program starts.
 *
 * libgit2 is linked from its static archive (Package.swift), and Debian ships no static
 * archive of MIT Kerberos: linked normally, libgssapi_krb5 and the six libraries under it
 * (krb5, k5crypto, com_err, krb5support, keyutils, resolv) were loaded and relocated by every
 * run of roadmap, the pre-commit hook included, though only a fetch or push to an HTTP server
 * that asks for Negotiate ever calls them. Each function below opens the library (dlopen) and
 * looks up its own name there on first use; without the library it answers GSS_S_FAILURE,
 * which libgit2 reports as a failed authentication.
 *
 * These are exactly the symbols libgit2 1.5's auth_negotiate.c uses (`nm -u` on libgit2.a);
 * the signatures are RFC 2744's, with the opaque types as pointers. Compiled only when
 * libgit2 is linked statically (ROADMAP_STATIC_LIBGIT2, set by Package.swift).
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>

#if defined(ROADMAP_STATIC_LIBGIT2)

typedef uint32_t OM_uint32;
typedef struct { OM_uint32 length; void *elements; } gss_OID_desc, *gss_OID;

/* GSS_S_FAILURE: a routine error of 13, in the routine-error field (bits 16-23). */
#define LAZY_GSS_S_FAILURE (13u << 16)

/* RFC 2744's GSS_C_NT_HOSTBASED_SERVICE, {iso(1) member-body(2) United States(840)
 * mit(113554) infosys(1) gssapi(2) generic(1) service_name(4)}; GSSAPI compares name types
 * by value, so this copy is as good as the library's. */
static gss_OID_desc hostbased_service = {10, (void *)"\x2a\x86\x48\x86\xf7\x12\x01\x02\x01\x04"};
gss_OID GSS_C_NT_HOSTBASED_SERVICE = &hostbased_service;

static void *library_handle;

/* The library's handle, opened once (dlopen counts references: a second opening by a racing
 * thread returns the same handle). */
static void *library(void) {
    void *handle = __atomic_load_n(&library_handle, __ATOMIC_ACQUIRE);
    if (!handle) {
        handle = dlopen("libgssapi_krb5.so.2", RTLD_NOW | RTLD_LOCAL);
        __atomic_store_n(&library_handle, handle, __ATOMIC_RELEASE);
    }
    return handle;
}

#define LAZY_GSS(name, params, args)                                                   \
    OM_uint32 name params {                                                            \
        static OM_uint32(*function) params;                                            \
        OM_uint32(*found) params = __atomic_load_n(&function, __ATOMIC_ACQUIRE);        \
        if (!found) {                                                                  \
            void *handle = library();                                                  \
            if (handle) found = (OM_uint32(*) params)dlsym(handle, #name);             \
            __atomic_store_n(&function, found, __ATOMIC_RELEASE);                      \
        }                                                                              \
        if (!found) {                                                                  \
            if (minor) *minor = 0;                                                     \
            return LAZY_GSS_S_FAILURE;                                                 \
        }                                                                              \
        return found args;                                                             \
    }

LAZY_GSS(gss_release_buffer, (OM_uint32 *minor, void *buffer), (minor, buffer))
LAZY_GSS(gss_release_name, (OM_uint32 *minor, void *name), (minor, name))
LAZY_GSS(gss_release_oid_set, (OM_uint32 *minor, void *set), (minor, set))
LAZY_GSS(gss_indicate_mechs, (OM_uint32 *minor, void *set), (minor, set))
LAZY_GSS(gss_import_name, (OM_uint32 *minor, void *buffer, gss_OID type, void *name), (minor, buffer, type, name))
LAZY_GSS(gss_delete_sec_context, (OM_uint32 *minor, void *context, void *token), (minor, context, token))
LAZY_GSS(gss_display_status,
         (OM_uint32 *minor, OM_uint32 status, int type, gss_OID mechanism, OM_uint32 *message_context, void *text),
         (minor, status, type, mechanism, message_context, text))
LAZY_GSS(gss_init_sec_context,
         (OM_uint32 *minor, void *credential, void *context, void *target, gss_OID mechanism, OM_uint32 flags,
          OM_uint32 time, void *bindings, void *input, gss_OID *actual_mechanism, void *output, OM_uint32 *returned_flags,
          OM_uint32 *time_received),
         (minor, credential, context, target, mechanism, flags, time, bindings, input, actual_mechanism, output,
          returned_flags, time_received))

#endif
