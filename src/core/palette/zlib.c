/*
 * zlib streams (RFC 1950) made by libdeflate's compressor (vendor/libdeflate, MIT), built for
 * WebAssembly without a C library by `npm run wasm` into zlib-wasm.ts. Level 6 is ~2.5x faster
 * than the browser's CompressionStream for as small an output (a text page: 9.6 against 27 ms;
 * 84.4 against 83.7 KB). deflate.ts asks for room for a job's input and output (`room`), writes
 * the input at its start, and compresses it into the rest (`compress`).
 */
#include "libdeflate.h"

extern unsigned char __heap_base;

static unsigned long top = (unsigned long)&__heap_base;

/* Bump allocation from the end of what is used, growing the memory as needed. */
static void *grab(size_t n) {
  unsigned long at = (top + 63) & ~63ul;
  unsigned long end = at + n;
  unsigned long have = __builtin_wasm_memory_size(0) * 65536ul;
  if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (size_t)-1) return 0;
  top = end;
  return (void *)at;
}

/* The compressor lives as long as the module: nothing is freed. */
static void keep(void *p) { (void)p; }

static struct libdeflate_compressor *compressor;
static unsigned char *room_at;
static size_t room_bytes;

/* The compressor, made first (before any room, which must stay the last allocation). */
static int ready(void) {
  if (compressor) return 1;
  libdeflate_set_memory_allocator(grab, keep);
  compressor = libdeflate_alloc_compressor(6);
  return compressor != 0;
}

/*
 * `n` bytes of room, 64-aligned. The room is the last thing allocated (after the compressor), so
 * a larger one starts at the same place: what the caller wrote at its start is still there.
 */
__attribute__((export_name("room"))) unsigned char *room(size_t n) {
  if (!ready()) return 0;
  if (n <= room_bytes) return room_at;
  if (room_at) top = (unsigned long)room_at;
  room_at = grab(n);
  room_bytes = room_at ? n : 0;
  return room_at;
}

/* The most that compressing `n` bytes can take. */
__attribute__((export_name("bound"))) size_t bound(size_t n) { return libdeflate_zlib_compress_bound(0, n); }

/* Compresses `n` bytes at `in` into `out` (`cap` bytes); 0 when that is too small, or no memory is left. */
__attribute__((export_name("compress"))) size_t compress(const unsigned char *in, size_t n, unsigned char *out, size_t cap) {
  if (!ready()) return 0;
  return libdeflate_zlib_compress(compressor, in, n, out, cap);
}

extern int libdeflate_idstamp_part;

/*
 * A part of a zlib stream split for two threads: `n` bytes at `in` as raw deflate into `out`
 * (`cap` bytes). The leading part (`last` 0) ends in no final block but an empty stored block,
 * byte-aligned, so the last part's raw stream can follow it. deflate.ts adds the zlib header and
 * the Adler-32 of the whole. 0 when `cap` is too small.
 */
__attribute__((export_name("part"))) size_t part(const unsigned char *in, size_t n, unsigned char *out, size_t cap, int last) {
  if (!ready()) return 0;
  libdeflate_idstamp_part = !last;
  size_t size = libdeflate_deflate_compress(compressor, in, n, out, cap);
  libdeflate_idstamp_part = 0;
  return size;
}

/* The Adler-32 of `n` bytes at `in`. */
__attribute__((export_name("adler"))) unsigned adler(const unsigned char *in, size_t n) { return libdeflate_adler32(1, in, n); }

/*
 * PNG rows (filter type 4, Paeth) of a strip of `rows` RGBA rows, w pixels wide, at `rgba`, as
 * `bpp` bytes a pixel (3: alpha left out, 4: kept): each row its filter byte and then its
 * filtered bytes, into `out`. `above`: the RGBA row above the strip (0 for the picture's first).
 * Paeth alone makes the smallest files of the five filters on a traced screenshot (377 KB
 * against 379 KB choosing per row, 424–437 KB with Sub or Up). The bytes are filtered as RGBA,
 * four pixels at a time (the compiler's SIMD: the predictor reads the unfiltered neighbours, so
 * no byte waits for another), into `tmp` (w·4 bytes), then packed. Returns 1 when every pixel
 * of the strip is opaque.
 */
__attribute__((export_name("paeth"))) int paeth(const unsigned char *rgba, int w, int rows, int bpp, const unsigned char *above, unsigned char *out, unsigned char *tmp) {
  long n = (long)w * 4;
  int opaque = 1;
  for (int y = 0; y < rows; y++) {
    const unsigned char *row = rgba + (long)y * n;
    const unsigned char *up = y ? row - n : above;
    unsigned char *o = out + (long)y * (1 + (long)w * bpp);
    for (long i = 3; i < n; i += 4) opaque &= row[i] == 255;
    if (!up) {
      /* Nothing above: b = c = 0, so the predictor is a (Paeth is Sub on the first row). */
      for (long i = 0; i < 4; i++) tmp[i] = row[i];
      for (long i = 4; i < n; i++) tmp[i] = (unsigned char)(row[i] - row[i - 4]);
    } else {
      /* First pixel: a = c = 0, so the predictor is b (Up). */
      for (long i = 0; i < 4; i++) tmp[i] = (unsigned char)(row[i] - up[i]);
      for (long i = 4; i < n; i++) {
        int a = row[i - 4], b = up[i], c = up[i - 4];
        int pa = b - c, pb = a - c, pc = a + b - 2 * c;
        pa = pa < 0 ? -pa : pa;
        pb = pb < 0 ? -pb : pb;
        pc = pc < 0 ? -pc : pc;
        int pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        tmp[i] = (unsigned char)(row[i] - pred);
      }
    }
    *o++ = 4;
    if (bpp == 4)
      for (long i = 0; i < n; i++) o[i] = tmp[i];
    else
      for (long x = 0; x < w; x++) {
        o[3 * x] = tmp[4 * x];
        o[3 * x + 1] = tmp[4 * x + 1];
        o[3 * x + 2] = tmp[4 * x + 2];
      }
  }
  return opaque;
}
