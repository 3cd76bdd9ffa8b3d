;; The invisible trace's pixel pass (embed.ts, addPattern), one row at a time, in WebAssembly
;; SIMD: the same arithmetic as the JavaScript it replaced, so the pixels are bit-identical
;; (f64 lanes for the interpolation, as JavaScript's numbers; saturating byte adds for its
;; clamp to 0…255). Built into add-wasm.ts by `npm run wasm` (wabt); a unit test checks that
;; the committed bytes are this text's.
;;
;; Memory, laid out by addPattern (all offsets in bytes):
;;   tx:  f64 per column x (W + 2 of them): the fraction between two cell centres
;;   st:  i32 per grid column k (gw + 1): the first column x at or after cell k's centre
;;   row: f32 per grid column (gw): this row's amplitudes, interpolated between cell rows
;;   dl:  i32 per column (W + 4): scratch for this row's change per pixel
;;   px:  this row's RGBA pixels (W × 4 bytes, 16 bytes of slack after them)
(module
  (memory (export "memory") 1)

  ;; Adds the row's pattern to its pixels in place; returns the squared error it made (summed
  ;; over R, G and B) when `measure` is set, else 0. Transparent pixels are left as they are.
  (func (export "addRow")
    (param $px i32) (param $w i32) (param $tx i32) (param $st i32) (param $row i32) (param $gw i32) (param $dl i32) (param $measure i32)
    (result f64)
    (local $k i32) (local $x i32) (local $to i32)
    (local $r0 f64) (local $dr f64)
    (local $vr0 v128) (local $vdr v128)
    (local $d v128) (local $o v128) (local $m v128) (local $p v128) (local $q v128) (local $lo v128) (local $hi v128) (local $acc v128)

    ;; Pass 1: the change of each pixel, round(r0 + dr × tx) as ((v + 256.5) | 0) − 256, two
    ;; at a time. A segment's last pair may write one value past it: the next segment (or the
    ;; zeros below) writes it again.
    (block $cells
      (loop $cell
        (br_if $cells (i32.ge_s (local.get $k) (i32.sub (local.get $gw) (i32.const 1))))
        (local.set $x (i32.load (i32.add (local.get $st) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $to (i32.load (i32.add (local.get $st) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2)))))
        (local.set $r0 (f64.promote_f32 (f32.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 2))))))
        (local.set $dr (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $row) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2))))) (local.get $r0)))
        (local.set $vr0 (f64x2.splat (local.get $r0)))
        (local.set $vdr (f64x2.splat (local.get $dr)))
        (block $pixels
          (loop $pair
            (br_if $pixels (i32.ge_s (local.get $x) (local.get $to)))
            (v128.store64_lane 0
              (i32.add (local.get $dl) (i32.shl (local.get $x) (i32.const 2)))
              (i32x4.sub
                (i32x4.trunc_sat_f64x2_s_zero
                  (f64x2.add
                    (f64x2.add (local.get $vr0) (f64x2.mul (local.get $vdr) (v128.load (i32.add (local.get $tx) (i32.shl (local.get $x) (i32.const 3))))))
                    (f64x2.splat (f64.const 256.5))))
                (i32x4.splat (i32.const 256))))
            (local.set $x (i32.add (local.get $x) (i32.const 2)))
            (br $pair)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $cell)))
    ;; No change past the row's end: pass 2 works four pixels at a time and may run over.
    (v128.store (i32.add (local.get $dl) (i32.shl (local.get $w) (i32.const 2))) (v128.const i32x4 0 0 0 0))

    ;; Pass 2: each pixel's R, G and B kept within 3…252 (embed.ts, HEADROOM: so that the change
    ;; fits both ways on white paper and black text: clamped at 255, only its darkening half
    ;; would show), plus its change, saturated, four pixels at a time; alpha kept; a transparent
    ;; pixel (alpha 0) kept whole. The error measured is the change alone (from the kept level).
    (local.set $acc (v128.const i32x4 0 0 0 0))
    (local.set $x (i32.const 0))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_s (local.get $x) (local.get $w)))
        (local.set $d (v128.load (i32.add (local.get $dl) (i32.shl (local.get $x) (i32.const 2)))))
        (local.set $o (v128.load (i32.add (local.get $px) (i32.shl (local.get $x) (i32.const 2)))))
        (local.set $m (i32x4.eq (v128.and (local.get $o) (v128.const i32x4 0xff000000 0xff000000 0xff000000 0xff000000)) (v128.const i32x4 0 0 0 0)))
        (local.set $p
          (v128.bitselect (local.get $o)
            (i8x16.max_u
              (i8x16.min_u (local.get $o) (v128.const i8x16 252 252 252 255 252 252 252 255 252 252 252 255 252 252 252 255))
              (v128.const i8x16 3 3 3 0 3 3 3 0 3 3 3 0 3 3 3 0))
            (local.get $m)))
        (local.set $q
          (i8x16.sub_sat_u
            (i8x16.add_sat_u
              (local.get $p)
              (i8x16.swizzle (i32x4.max_s (local.get $d) (v128.const i32x4 0 0 0 0))
                (v128.const i8x16 0 0 0 0x80 4 4 4 0x80 8 8 8 0x80 12 12 12 0x80)))
            (i8x16.swizzle (i32x4.max_s (i32x4.neg (local.get $d)) (v128.const i32x4 0 0 0 0))
              (v128.const i8x16 0 0 0 0x80 4 4 4 0x80 8 8 8 0x80 12 12 12 0x80))))
        (local.set $q (v128.bitselect (local.get $o) (local.get $q) (local.get $m)))
        (v128.store (i32.add (local.get $px) (i32.shl (local.get $x) (i32.const 2))) (local.get $q))
        (if (local.get $measure)
          (then
            (local.set $lo (i16x8.sub (i16x8.extend_low_i8x16_u (local.get $q)) (i16x8.extend_low_i8x16_u (local.get $p))))
            (local.set $hi (i16x8.sub (i16x8.extend_high_i8x16_u (local.get $q)) (i16x8.extend_high_i8x16_u (local.get $p))))
            (local.set $acc (i32x4.add (local.get $acc) (i32x4.add (i32x4.dot_i16x8_s (local.get $lo) (local.get $lo)) (i32x4.dot_i16x8_s (local.get $hi) (local.get $hi)))))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $quad)))
    (f64.add
      (f64.add (f64.convert_i32_u (i32x4.extract_lane 0 (local.get $acc))) (f64.convert_i32_u (i32x4.extract_lane 1 (local.get $acc))))
      (f64.add (f64.convert_i32_u (i32x4.extract_lane 2 (local.get $acc))) (f64.convert_i32_u (i32x4.extract_lane 3 (local.get $acc)))))))
