#include <git2.h>
#include "CLibGit2Support.h"

int roadmap_git_opts_int(int option, int value) { return git_libgit2_opts(option, value); }

int roadmap_git_opts_int_string(int option, int level, const char *path) { return git_libgit2_opts(option, level, path); }

int roadmap_git_opts_strings(int option, const char *file, const char *path) { return git_libgit2_opts(option, file, path); }
