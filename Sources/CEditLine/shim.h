#ifndef ROLECALL_CEDITLINE_SHIM_H
#define ROLECALL_CEDITLINE_SHIM_H

// Swift cannot call C-variadic functions, and el_set/el_get/history are all variadic.
// Each wrapper below fixes the argument list of exactly one use, so the Swift side
// stays type-checked and never has to build a va_list.

#include <histedit.h>
#include <signal.h>
#include <stdio.h>

typedef char *(*rc_prompt_function)(EditLine *);
typedef unsigned char (*rc_key_function)(EditLine *, int);

// Swift 6 rejects direct use of C mutable globals such as stdin/stdout.
static inline FILE *rc_stdin(void) { return stdin; }
static inline FILE *rc_stdout(void) { return stdout; }
static inline FILE *rc_stderr(void) { return stderr; }

// MARK: - el_set / el_get

// The escape character lets a prompt mark invisible spans (colour codes) so that
// libedit does not count them when it works out where the cursor is.
static inline int rc_el_set_prompt(EditLine *el, rc_prompt_function f, char escape) {
    return el_set(el, EL_PROMPT_ESC, f, escape);
}
static inline int rc_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}
static inline int rc_el_set_signal_handling(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}
static inline int rc_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}
static inline int rc_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}
static inline void *rc_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}
static inline int rc_el_add_function(EditLine *el, const char *name, const char *help, rc_key_function f) {
    return el_set(el, EL_ADDFN, name, help, f);
}
static inline int rc_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}
// Changes one tty mode flag used while editing ("-d" = edit mode), e.g. "-isig".
static inline int rc_el_set_edit_tty_flag(EditLine *el, const char *flag) {
    return el_set(el, EL_SETTY, "-d", flag, NULL);
}
// Forgets what libedit believes is on screen and redraws prompt and line at the cursor.
static inline int rc_el_redraw_from_scratch(EditLine *el) {
    return el_set(el, EL_REFRESH);
}
// The function libedit reads each character with; NULL restores its built-in reader.
static inline int rc_el_set_getcfn(EditLine *el, el_rfunc_t f) {
    // el_wset, not el_set: through the narrow call libedit would take each returned character as one byte.
    return el_wset(el, EL_GETCFN, f == NULL ? EL_BUILTIN_GETCFN : f);
}
static inline int rc_el_get_columns(EditLine *el) {
    int columns = 0;
    if (el_get(el, EL_GETTC, "co", &columns, NULL) != 0) return 0;
    return columns;
}

// MARK: - history

static inline int rc_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int rc_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}
static inline int rc_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
static inline int rc_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int rc_history_save_to_stream(History *h, FILE *stream) {
    HistEvent ev;
    return history(h, &ev, H_SAVE_FP, stream);
}
// Walks from the oldest entry (H_LAST) towards the newest (H_PREV); NULL when done.
static inline const char *rc_history_oldest(History *h) {
    HistEvent ev;
    return history(h, &ev, H_LAST) == 0 ? ev.str : NULL;
}
static inline const char *rc_history_newer(History *h) {
    HistEvent ev;
    return history(h, &ev, H_PREV) == 0 ? ev.str : NULL;
}

// MARK: - signals

// SIG_IGN is a cast macro Swift cannot import.
static inline __sighandler_t rc_ignore_interrupt_signal(void) { return signal(SIGINT, SIG_IGN); }
static inline void rc_restore_interrupt_signal(__sighandler_t previous) { signal(SIGINT, previous); }
static inline int rc_suspend_process_group(void) { return kill(0, SIGTSTP); }

#endif
