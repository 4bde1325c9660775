#ifndef ROLECALL_CHTTP_H
#define ROLECALL_CHTTP_H
#include <stddef.h>

/// One HTTP request through libcurl, loaded with dlopen the first time it is needed: the learner's `rolecall`
/// links no network library, so it starts as fast as before, and a class server behind TLS still works.
typedef struct {
    long status;          /* HTTP status, 0 when no response came */
    char *body;           /* response body, NUL-terminated; free with rc_http_free */
    size_t length;
    char error[256];      /* why there was no response */
} rc_http_response;

/// Returns 0 when a response came (any status), -1 otherwise (error says why).
int rc_http_request(const char *method, const char *url, const char *const *headers, size_t header_count,
                    const void *body, size_t body_length, long timeout_ms, rc_http_response *out);
void rc_http_free(rc_http_response *response);

#endif
