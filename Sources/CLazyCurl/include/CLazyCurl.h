#ifndef ROADMAP_CLAZYCURL_H
#define ROADMAP_CLAZYCURL_H
#include <stddef.h>

/// How one POST ended (`roadmap_http_post`).
typedef enum {
    ROADMAP_POST_ANSWERED = 0,      ///< the server answered: `status` holds the HTTP status
    ROADMAP_POST_TIMED_OUT = 1,     ///< no answer within the timeout
    ROADMAP_POST_CONNECTION = 2,    ///< the connection was refused or lost
    ROADMAP_POST_UNKNOWN_HOST = 3,  ///< the host name did not resolve
    ROADMAP_POST_OTHER = 4,         ///< anything else: `message` says what
    ROADMAP_POST_NO_LIBCURL = 5,    ///< libcurl could not be loaded
} roadmap_post_outcome;

/// One HTTP(S) POST of `body` to `url` with libcurl, opened on first use (see LazyCurl.c).
/// `message` receives libcurl's text for ROADMAP_POST_OTHER (`message_size` bytes at most).
roadmap_post_outcome roadmap_http_post(const char *url, const void *body, size_t length, const char *content_type,
                                       const char *user_agent, long timeout_milliseconds, long *status, char *message,
                                       size_t message_size);

#endif
