// trace-text: an LD_PRELOAD library that records which code of the main executable a run
// executes, in first-execution order, without recompiling it. make-order.sh turns the
// records into an lld --symbol-ordering-file (see docs/performance.md, "Memory").
//
//   cc -O2 -shared -fPIC -o trace-text.so trace-text.c -ldl
//   TRACE_TEXT_OUT=run.txt [TRACE_TEXT_MODE=functions TRACE_TEXT_ENTRIES=entries.txt]
//     SWIFT_BACKTRACE=enable=no LD_PRELOAD=$PWD/trace-text.so ./roadmap --version
//
// Two modes, both set up in a constructor, which runs before the executable's own
// initializers (a preloaded library's constructors run first), so the Swift runtime's
// start-up is recorded too:
//
// - TRACE_TEXT_MODE=functions (finer): TRACE_TEXT_ENTRIES names a file of function entry
//   addresses (ELF virtual addresses, one hex number a line, ascending: the STT_FUNC symbols
//   of the executable's text). The executable's text is made writable and an int3 is put on
//   every entry; the SIGTRAP handler records the function, puts its first byte back and
//   resumes there. One trap per function executed.
// - TRACE_TEXT_MODE=pages (the default, needs no symbol list): the executable's code is made
//   read-only (no exec); the SIGSEGV handler records the page an instruction was fetched
//   from and gives that page its execute permission back. One fault per page executed.
// - TRACE_TEXT_MODE=none: records nothing (an empty TRACE_TEXT_OUT), for TRACE_TEXT_SMAPS.
//
// At exit (exit() runs this library's destructor) the addresses — ELF virtual addresses of
// the functions or pages, in the order first executed — are written to TRACE_TEXT_OUT, one
// hex number a line. TRACE_TEXT_SMAPS=FILE also copies /proc/self/smaps there at that point,
// TRACE_TEXT_STATUS=FILE /proc/self/status (VmHWM: the peak; RssAnon, RssFile: at exit).
//
// The program must not install its own handler for the signal used: sigaction() and
// signal() for it are intercepted (the program's handler is kept, called for signals that
// are not ours). Set SWIFT_BACKTRACE=enable=no for Swift programs all the same. LD_PRELOAD is
// removed from the environment so that processes the program starts are not traced.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGE 4096UL

static uintptr_t bias;            // load address minus ELF virtual address
static uintptr_t text_lo, text_hi; // the executable's code, run-time addresses, page-aligned
static int traced_signal;          // SIGSEGV (pages) or SIGTRAP (functions); 0 when none
static int active;                 // TRACE_TEXT_OUT was set
static char *out_path, *smaps_path, *status_path; // kept at start: the program may change its environment

// Records: ELF virtual addresses in first-execution order. Written from the signal handler,
// so a static array and an atomic counter only.
#define MAX_RECORDS (1u << 20)
static uintptr_t records[MAX_RECORDS];
static unsigned record_count;

// functions mode: the entries (ELF virtual addresses, ascending), their first bytes, and
// whether each has been hit.
static uintptr_t *entries;
static unsigned char *first_bytes;
static unsigned char *hit;
static size_t entry_count;

static struct sigaction program_action;  // what the program asked for the traced signal
static int program_has_action;

static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);

static void record(uintptr_t vaddr) {
  unsigned i = __atomic_fetch_add(&record_count, 1, __ATOMIC_RELAXED);
  if (i < MAX_RECORDS) records[i] = vaddr;
}

// A signal that is not ours: the program's handler if it installed one, else the default.
static void pass_on(int sig, siginfo_t *info, void *context) {
  if (program_has_action && (program_action.sa_flags & SA_SIGINFO) && program_action.sa_sigaction) {
    program_action.sa_sigaction(sig, info, context);
    return;
  }
  if (program_has_action && program_action.sa_handler != SIG_DFL && program_action.sa_handler != SIG_IGN) {
    program_action.sa_handler(sig);
    return;
  }
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  real_sigaction(sig, &dfl, NULL);
  if (sig == SIGTRAP) raise(sig);  // an int3 resumes after itself: make it fatal now
  // SIGSEGV: returning re-executes the faulting instruction, which now kills the process.
}

static void on_segv(int sig, siginfo_t *info, void *context) {
  uintptr_t addr = (uintptr_t)info->si_addr;
  if (info->si_code != SEGV_ACCERR || addr < text_lo || addr >= text_hi) {
    pass_on(sig, info, context);
    return;
  }
  uintptr_t page = addr & ~(PAGE - 1);
  // Two threads may fault on one page at once: both record it, the reader keeps the first.
  mprotect((void *)page, PAGE, PROT_READ | PROT_EXEC);
  record(page - bias);
}

static void on_trap(int sig, siginfo_t *info, void *context) {
  ucontext_t *uc = context;
  uintptr_t at = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP] - 1;  // int3 is one byte
  uintptr_t vaddr = at - bias;
  size_t lo = 0, hi = entry_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (entries[mid] < vaddr) lo = mid + 1; else hi = mid;
  }
  if (lo == entry_count || entries[lo] != vaddr) {
    pass_on(sig, info, context);
    return;
  }
  // Another thread may trap here before the byte is back: it finds the entry hit already,
  // writes the same byte again and resumes at the entry.
  if (!__atomic_exchange_n(&hit[lo], 1, __ATOMIC_RELAXED)) record(vaddr);
  *(volatile unsigned char *)at = first_bytes[lo];
  uc->uc_mcontext.gregs[REG_RIP] = (greg_t)at;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
  if (!real_sigaction) real_sigaction = dlsym(RTLD_NEXT, "sigaction");
  if (traced_signal && sig == traced_signal) {
    if (old) {
      if (program_has_action) *old = program_action;
      else { memset(old, 0, sizeof *old); old->sa_handler = SIG_DFL; }
    }
    if (act) { program_action = *act; program_has_action = 1; }
    return 0;
  }
  return real_sigaction(sig, act, old);
}

sighandler_t signal(int sig, sighandler_t handler) {
  struct sigaction act, old;
  memset(&act, 0, sizeof act);
  act.sa_handler = handler;
  act.sa_flags = SA_RESTART;
  if (sigaction(sig, &act, &old) != 0) return SIG_ERR;
  return old.sa_handler;
}

static int find_text(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size; (void)data;
  // The first object is the main executable.
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
      bias = info->dlpi_addr;
      text_lo = (bias + ph->p_vaddr) & ~(PAGE - 1);
      text_hi = (bias + ph->p_vaddr + ph->p_memsz + PAGE - 1) & ~(PAGE - 1);
      break;
    }
  }
  return 1;  // stop after the first object
}

static void fail(const char *what) {
  static const char prefix[] = "trace-text: ";
  write(2, prefix, sizeof prefix - 1);
  write(2, what, strlen(what));
  write(2, "\n", 1);
  _exit(70);
}

// Reads the ascending hex addresses of TRACE_TEXT_ENTRIES.
static void read_entries(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) fail("cannot open TRACE_TEXT_ENTRIES");
  char *text = malloc((size_t)st.st_size + 1);
  if (!text) fail("out of memory");
  size_t got = 0;
  while (got < (size_t)st.st_size) {
    ssize_t n = read(fd, text + got, (size_t)st.st_size - got);
    if (n <= 0) fail("cannot read TRACE_TEXT_ENTRIES");
    got += (size_t)n;
  }
  close(fd);
  text[got] = 0;
  size_t lines = 0;
  for (size_t i = 0; i < got; i++) lines += text[i] == '\n';
  entries = malloc((lines + 1) * sizeof *entries);
  if (!entries) fail("out of memory");
  for (char *p = text; *p;) {
    char *end;
    unsigned long long v = strtoull(p, &end, 16);
    if (end == p) break;
    if (entry_count && v <= entries[entry_count - 1]) fail("TRACE_TEXT_ENTRIES is not ascending");
    entries[entry_count++] = (uintptr_t)v;
    p = end;
    while (*p == '\n' || *p == ' ') p++;
  }
  free(text);
  first_bytes = malloc(entry_count + 1);
  hit = calloc(entry_count + 1, 1);
  if (!first_bytes || !hit) fail("out of memory");
}

__attribute__((constructor(101))) static void trace_start(void) {
  const char *out = getenv("TRACE_TEXT_OUT");
  if (!out) return;
  out_path = strdup(out);
  active = 1;
  if (getenv("TRACE_TEXT_SMAPS")) smaps_path = strdup(getenv("TRACE_TEXT_SMAPS"));
  if (getenv("TRACE_TEXT_STATUS")) status_path = strdup(getenv("TRACE_TEXT_STATUS"));
  unsetenv("LD_PRELOAD");
  real_sigaction = dlsym(RTLD_NEXT, "sigaction");
  dl_iterate_phdr(find_text, NULL);
  if (!text_lo) fail("no executable segment in the main program");
  const char *mode = getenv("TRACE_TEXT_MODE");
  struct sigaction act;
  memset(&act, 0, sizeof act);
  act.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&act.sa_mask);
  if (mode && strcmp(mode, "none") == 0) {
    return;
  } else if (mode && strcmp(mode, "functions") == 0) {
    const char *path = getenv("TRACE_TEXT_ENTRIES");
    if (!path) fail("TRACE_TEXT_MODE=functions needs TRACE_TEXT_ENTRIES");
    read_entries(path);
    if (mprotect((void *)text_lo, text_hi - text_lo, PROT_READ | PROT_WRITE | PROT_EXEC) != 0)
      fail("cannot make the text writable");
    for (size_t i = 0; i < entry_count; i++) {
      unsigned char *at = (unsigned char *)(entries[i] + bias);
      if ((uintptr_t)at < text_lo || (uintptr_t)at >= text_hi) fail("an entry is outside the text");
      first_bytes[i] = *at;
      *at = 0xCC;
    }
    act.sa_sigaction = on_trap;
    traced_signal = SIGTRAP;
    real_sigaction(SIGTRAP, &act, NULL);
  } else {
    act.sa_sigaction = on_segv;
    traced_signal = SIGSEGV;
    real_sigaction(SIGSEGV, &act, NULL);
    if (mprotect((void *)text_lo, text_hi - text_lo, PROT_READ) != 0) fail("cannot protect the text");
  }
}

static void write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w; n -= (size_t)w;
  }
}

static void copy_file(const char *from, const char *to) {
  int in = open(from, O_RDONLY | O_CLOEXEC);
  int o = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  char buf[65536];
  ssize_t n;
  if (in >= 0 && o >= 0)
    while ((n = read(in, buf, sizeof buf)) > 0) write_all(o, buf, (size_t)n);
  if (in >= 0) close(in);
  if (o >= 0) close(o);
}

__attribute__((destructor(101))) static void trace_finish(void) {
  if (!active) return;
  if (smaps_path) copy_file("/proc/self/smaps", smaps_path);
  if (status_path) copy_file("/proc/self/status", status_path);
  int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot write TRACE_TEXT_OUT");
  unsigned n = __atomic_load_n(&record_count, __ATOMIC_RELAXED);
  if (n > MAX_RECORDS) n = MAX_RECORDS;
  char line[32];
  for (unsigned i = 0; i < n; i++) {
    static const char digits[] = "0123456789abcdef";
    char *p = line + sizeof line;
    *--p = '\n';
    uintptr_t v = records[i];
    do { *--p = digits[v & 15]; v >>= 4; } while (v);
    write_all(fd, p, (size_t)(line + sizeof line - p));
  }
  close(fd);
}
