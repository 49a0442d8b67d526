#ifndef ROADMAP_CZLIB_SHIM_H
#define ROADMAP_CZLIB_SHIM_H
#include <zlib.h>
#endif
