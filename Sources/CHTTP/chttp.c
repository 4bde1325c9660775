#include "chttp.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libcurl's stable ABI values (curl/curl.h), so no development headers are needed to build. */
enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_ERRORBUFFER = 10010, OPT_POSTFIELDS = 10015,
    OPT_HTTPHEADER = 10023, OPT_CUSTOMREQUEST = 10036, OPT_WRITEFUNCTION = 20011,
    OPT_POSTFIELDSIZE_LARGE = 30120, OPT_NOSIGNAL = 99, OPT_TIMEOUT_MS = 155, OPT_CONNECTTIMEOUT_MS = 156,
    INFO_RESPONSE_CODE = 0x200002, GLOBAL_DEFAULT = 3
};

typedef void CURL;
struct curl_slist;
static struct {
    int loaded;
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_perform)(CURL *);
    int (*easy_getinfo)(CURL *, int, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(int);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} curl;
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void load_curl(void) {
    const char *names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"};
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !library; i++) library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
    curl.global_init = (int (*)(long))dlsym(library, "curl_global_init");
    curl.easy_init = (CURL * (*)(void)) dlsym(library, "curl_easy_init");
    curl.easy_setopt = (int (*)(CURL *, int, ...))dlsym(library, "curl_easy_setopt");
    curl.easy_perform = (int (*)(CURL *))dlsym(library, "curl_easy_perform");
    curl.easy_getinfo = (int (*)(CURL *, int, ...))dlsym(library, "curl_easy_getinfo");
    curl.easy_cleanup = (void (*)(CURL *))dlsym(library, "curl_easy_cleanup");
    curl.easy_strerror = (const char *(*)(int))dlsym(library, "curl_easy_strerror");
    curl.slist_append = (struct curl_slist * (*)(struct curl_slist *, const char *)) dlsym(library, "curl_slist_append");
    curl.slist_free_all = (void (*)(struct curl_slist *))dlsym(library, "curl_slist_free_all");
    if (curl.global_init && curl.easy_init && curl.easy_setopt && curl.easy_perform && curl.easy_getinfo &&
        curl.easy_cleanup && curl.easy_strerror && curl.slist_append && curl.slist_free_all) {
        curl.global_init(GLOBAL_DEFAULT);
        curl.loaded = 1;
    }
}

typedef struct { char *data; size_t length; size_t capacity; } buffer;
/* Replies beyond this are cut off: the class server's replies are a few hundred bytes. */
static const size_t reply_limit = 8 * 1024 * 1024;

static size_t collect(char *data, size_t size, size_t count, void *context) {
    buffer *into = context;
    size_t bytes = size * count;
    if (into->length + bytes + 1 > reply_limit) return 0;
    if (into->length + bytes + 1 > into->capacity) {
        size_t capacity = (into->length + bytes + 1) * 2;
        char *grown = realloc(into->data, capacity);
        if (!grown) return 0;
        into->data = grown;
        into->capacity = capacity;
    }
    memcpy(into->data + into->length, data, bytes);
    into->length += bytes;
    into->data[into->length] = 0;
    return bytes;
}

int rc_http_request(const char *method, const char *url, const char *const *headers, size_t header_count,
                    const void *body, size_t body_length, long timeout_ms, rc_http_response *out) {
    memset(out, 0, sizeof *out);
    pthread_once(&curl_once, load_curl);
    if (!curl.loaded) {
        snprintf(out->error, sizeof out->error, "libcurl is not installed (Debian: apt-get install libcurl4)");
        return -1;
    }
    CURL *handle = curl.easy_init();
    if (!handle) {
        snprintf(out->error, sizeof out->error, "libcurl could not start a request");
        return -1;
    }
    char curl_error[256] = {0};
    buffer reply = {0};
    struct curl_slist *list = NULL;
    for (size_t i = 0; i < header_count; i++) list = curl.slist_append(list, headers[i]);
    curl.easy_setopt(handle, OPT_URL, url);
    curl.easy_setopt(handle, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, OPT_TIMEOUT_MS, timeout_ms);
    curl.easy_setopt(handle, OPT_CONNECTTIMEOUT_MS, timeout_ms < 3000 ? timeout_ms : 3000L);
    curl.easy_setopt(handle, OPT_ERRORBUFFER, curl_error);
    curl.easy_setopt(handle, OPT_WRITEFUNCTION, collect);
    curl.easy_setopt(handle, OPT_WRITEDATA, &reply);
    if (list) curl.easy_setopt(handle, OPT_HTTPHEADER, list);
    if (body) {
        curl.easy_setopt(handle, OPT_POSTFIELDSIZE_LARGE, (long long)body_length);
        curl.easy_setopt(handle, OPT_POSTFIELDS, body);
    }
    if (strcmp(method, body ? "POST" : "GET") != 0) curl.easy_setopt(handle, OPT_CUSTOMREQUEST, method);
    int code = curl.easy_perform(handle);
    if (code == 0) {
        long status = 0;
        curl.easy_getinfo(handle, INFO_RESPONSE_CODE, &status);
        out->status = status;
        out->body = reply.data ? reply.data : calloc(1, 1);
        out->length = reply.length;
    } else {
        snprintf(out->error, sizeof out->error, "%s", curl_error[0] ? curl_error : curl.easy_strerror(code));
        free(reply.data);
    }
    if (list) curl.slist_free_all(list);
    curl.easy_cleanup(handle);
    return code == 0 ? 0 : -1;
}

void rc_http_free(rc_http_response *response) {
    free(response->body);
    response->body = NULL;
}
