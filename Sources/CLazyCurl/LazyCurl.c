/*
 * One HTTP(S) POST (`roadmap notify --post`) with libcurl, opened with dlopen on first use.
 *
 * Foundation's URLSession (FoundationNetworking) did this before, and linking it made every
 * start of roadmap load libcurl and the 28 libraries under it (nghttp2, gnutls, krb5, ldap,
 * ...): the largest part of the start-up that the pre-commit hook pays on every commit
 * (docs/performance.md, "Start-up"). Only `notify --post` sends anything, so libcurl is now
 * loaded by that command alone. It is the same libcurl URLSession used, so proxies
 * (`https_proxy`, ...) and certificates behave as before.
 */
#include <curl/curl.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include "CLazyCurl.h"

typedef CURL *(*easy_init_f)(void);
typedef CURLcode (*easy_setopt_f)(CURL *, CURLoption, ...);
typedef CURLcode (*easy_perform_f)(CURL *);
typedef CURLcode (*easy_getinfo_f)(CURL *, CURLINFO, ...);
typedef void (*easy_cleanup_f)(CURL *);
typedef const char *(*easy_strerror_f)(CURLcode);
typedef struct curl_slist *(*slist_append_f)(struct curl_slist *, const char *);
typedef void (*slist_free_all_f)(struct curl_slist *);

/* The response body is not read: only the status counts. */
static size_t discard(char *data, size_t size, size_t count, void *context) {
    (void)data;
    (void)context;
    return size * count;
}

static void say(char *message, size_t size, const char *text) {
    if (message && size > 0) snprintf(message, size, "%s", text);
}

roadmap_post_outcome roadmap_http_post(const char *url, const void *body, size_t length, const char *content_type,
                                       const char *user_agent, long timeout_milliseconds, long *status, char *message,
                                       size_t message_size) {
    *status = 0;
    say(message, message_size, "");
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) library = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        say(message, message_size, "libcurl (libcurl.so.4) is not installed");
        return ROADMAP_POST_NO_LIBCURL;
    }
    easy_init_f easy_init = (easy_init_f)dlsym(library, "curl_easy_init");
    easy_setopt_f setopt = (easy_setopt_f)dlsym(library, "curl_easy_setopt");
    easy_perform_f perform = (easy_perform_f)dlsym(library, "curl_easy_perform");
    easy_getinfo_f getinfo = (easy_getinfo_f)dlsym(library, "curl_easy_getinfo");
    easy_cleanup_f cleanup = (easy_cleanup_f)dlsym(library, "curl_easy_cleanup");
    easy_strerror_f strerror_of = (easy_strerror_f)dlsym(library, "curl_easy_strerror");
    slist_append_f append = (slist_append_f)dlsym(library, "curl_slist_append");
    slist_free_all_f free_all = (slist_free_all_f)dlsym(library, "curl_slist_free_all");
    if (!easy_init || !setopt || !perform || !getinfo || !cleanup || !strerror_of || !append || !free_all) {
        say(message, message_size, "libcurl lacks a function roadmap needs");
        return ROADMAP_POST_NO_LIBCURL;
    }
    CURL *curl = easy_init();
    if (!curl) {
        say(message, message_size, "libcurl could not start");
        return ROADMAP_POST_OTHER;
    }
    char type_header[512];
    snprintf(type_header, sizeof type_header, "Content-Type: %s", content_type);
    struct curl_slist *headers = append(NULL, type_header);
    /* No "Expect: 100-continue" round trip before the body. */
    struct curl_slist *more = headers ? append(headers, "Expect:") : NULL;
    if (more) headers = more;
    char error[CURL_ERROR_SIZE] = "";
    setopt(curl, CURLOPT_URL, url);
    setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    setopt(curl, CURLOPT_POST, 1L);
    setopt(curl, CURLOPT_POSTFIELDS, body);
    setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)length);
    setopt(curl, CURLOPT_HTTPHEADER, headers);
    setopt(curl, CURLOPT_USERAGENT, user_agent);
    setopt(curl, CURLOPT_TIMEOUT_MS, timeout_milliseconds);
    setopt(curl, CURLOPT_NOSIGNAL, 1L);
    setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    setopt(curl, CURLOPT_ERRORBUFFER, error);
    CURLcode code = perform(curl);
    roadmap_post_outcome outcome;
    switch (code) {
    case CURLE_OK:
        getinfo(curl, CURLINFO_RESPONSE_CODE, status);
        outcome = ROADMAP_POST_ANSWERED;
        break;
    case CURLE_OPERATION_TIMEDOUT:
        outcome = ROADMAP_POST_TIMED_OUT;
        break;
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
        outcome = ROADMAP_POST_CONNECTION;
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        outcome = ROADMAP_POST_UNKNOWN_HOST;
        break;
    default:
        say(message, message_size, error[0] ? error : strerror_of(code));
        outcome = ROADMAP_POST_OTHER;
        break;
    }
    cleanup(curl);
    free_all(headers);
    return outcome;
}
