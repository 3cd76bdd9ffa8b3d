/*
 * zlib streams (RFC 1950) made by libdeflate's compressor (vendor/libdeflate, MIT), built for
 * WebAssembly without a C library by `npm run wasm` into zlib-wasm.ts. Level 6 is ~2.5x faster
 * than the browser's CompressionStream for as small an output (a text page: 9.6 against 27 ms;
 * 84.4 against 83.7 KB). deflate.ts asks for room for a job's input and output (`room`), writes
 * the input at its start, and compresses it into the rest (`compress`).
 */
#include "libdeflate.h"
#include <wasm_simd128.h>

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
 * against 379 KB choosing per row, 424–437 KB with Sub or Up). The predictor reads only the
 * unfiltered neighbours, so no byte waits for another: sixteen bytes (four RGBA pixels) are
 * filtered at once in SIMD, in 16-bit lanes, and packed to twelve for RGB (~4x the loop the
 * compiler vectorised; the same bytes). Returns 1 when every pixel of the strip is opaque.
 */
static inline v128_t paeth16(v128_t a, v128_t b, v128_t c) {
  v128_t lo = a, hi = a;
  for (int half = 0; half < 2; half++) {
    v128_t a16 = half ? wasm_u16x8_extend_high_u8x16(a) : wasm_u16x8_extend_low_u8x16(a);
    v128_t b16 = half ? wasm_u16x8_extend_high_u8x16(b) : wasm_u16x8_extend_low_u8x16(b);
    v128_t c16 = half ? wasm_u16x8_extend_high_u8x16(c) : wasm_u16x8_extend_low_u8x16(c);
    v128_t d1 = wasm_i16x8_sub(b16, c16); /* p - a */
    v128_t d2 = wasm_i16x8_sub(a16, c16); /* p - b */
    v128_t pa = wasm_i16x8_abs(d1);
    v128_t pb = wasm_i16x8_abs(d2);
    v128_t pc = wasm_i16x8_abs(wasm_i16x8_add(d1, d2));
    v128_t takeA = wasm_v128_and(wasm_i16x8_le(pa, pb), wasm_i16x8_le(pa, pc));
    v128_t takeB = wasm_i16x8_le(pb, pc);
    v128_t pred = wasm_v128_bitselect(a16, wasm_v128_bitselect(b16, c16, takeB), takeA);
    if (half) hi = pred;
    else lo = pred;
  }
  return wasm_u8x16_narrow_i16x8(lo, hi);
}

/* The filtered row's bytes `f` (four RGBA pixels) stored at `o`: 16 bytes, or 12 without alpha. */
static inline void put16(unsigned char *o, v128_t f, int bpp) {
  if (bpp == 4) {
    wasm_v128_store(o, f);
    return;
  }
  v128_t rgb = wasm_i8x16_shuffle(f, f, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0);
  wasm_v128_store64_lane(o, rgb, 0);
  wasm_v128_store32_lane(o + 8, rgb, 2);
}

__attribute__((export_name("paeth"))) int paeth(const unsigned char *rgba, int w, int rows, int bpp, const unsigned char *above, unsigned char *out) {
  long n = (long)w * 4;
  const v128_t alpha = wasm_i32x4_splat((int)0xff000000);
  v128_t all = alpha;
  int opaque = 1;
  for (int y = 0; y < rows; y++) {
    const unsigned char *row = rgba + (long)y * n;
    const unsigned char *up = y ? row - n : above;
    unsigned char *o = out + (long)y * (1 + (long)w * bpp);
    *o++ = 4;
    /* First pixel: a = c = 0, so the predictor is b (Up); nothing above: the pixel itself. */
    for (long i = 0; i < 4; i++) {
      unsigned char f = (unsigned char)(row[i] - (up ? up[i] : 0));
      if (i < bpp) o[i] = f;
    }
    opaque &= row[3] == 255;
    long x = 1;
    unsigned char *p = o + bpp;
    /* Four pixels at a time; nothing above: b = c = 0, so the predictor is a (Sub). */
    for (; x + 4 <= w; x += 4, p += 4 * bpp) {
      long i = 4 * x;
      v128_t px = wasm_v128_load(row + i);
      v128_t a = wasm_v128_load(row + i - 4);
      v128_t pred = up ? paeth16(a, wasm_v128_load(up + i), wasm_v128_load(up + i - 4)) : a;
      all = wasm_v128_and(all, px);
      put16(p, wasm_i8x16_sub(px, pred), bpp);
    }
    for (; x < w; x++, p += bpp) {
      long i = 4 * x;
      opaque &= row[i + 3] == 255;
      for (long k = 0; k < bpp; k++) {
        int a = row[i + k - 4], b = up ? up[i + k] : 0, c = up ? up[i + k - 4] : 0;
        int pa = b - c, pb = a - c, pc = a + b - 2 * c;
        pa = pa < 0 ? -pa : pa;
        pb = pb < 0 ? -pb : pb;
        pc = pc < 0 ? -pc : pc;
        int pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        p[k] = (unsigned char)(row[i + k] - pred);
      }
    }
  }
  return opaque && wasm_i32x4_all_true(wasm_i32x4_eq(wasm_v128_and(all, alpha), alpha));
}
