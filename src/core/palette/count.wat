;; The palette's colour count (quantise.ts, Histogram.add): runs of equal pixels counted once
;; into 15-bit bins (5 bits a channel), with each bin's sums and sums of squares of r, g, b, and
;; every pixel's bin written out for the mapping. The same arithmetic as the JavaScript it
;; replaced (f64 sums of exact integers), so the histogram and the keys are identical; about
;; 2-3x faster. Built into count-wasm.ts by `npm run wasm` (wabt); a unit test checks that the
;; committed bytes are this text's.
;;
;; Memory (imported: each histogram has its own), laid out by quantise.ts, offsets in bytes:
;;   count: u32 per bin (32,768)
;;   sum:   f64 × 3 per bin (r, g, b)
;;   sq:    f64 × 3 per bin
;;   px:    a chunk of pixels (at most 2^18), RGBA or BGRA ($bgra: how the browser keeps a
;;          canvas, which VideoFrame.copyTo then copies without converting: ~5x cheaper)
;;   keys:  u16 per pixel of the chunk (its bin)
;;   low:   u16 per pixel of the chunk, when asked for ($low not 0): the low 3 bits of r, g and
;;          b (r's highest), which with the bin give the pixel's exact colour (a traced
;;          picture's palette needs it: quantise.ts, mapTraced)
(module
  (import "env" "memory" (memory 1))

  ;; Counts the $n pixels at $px; returns 1 if one of them is not opaque, else 0.
  (func (export "count")
    (param $px i32) (param $n i32) (param $keys i32) (param $count i32) (param $sum i32) (param $sq i32)
    (param $bgra i32) (param $low i32)
    (result i32)
    (local $i i32) (local $j i32) (local $v i32) (local $k i32) (local $run i32) (local $translucent i32)
    (local $at i32) (local $x i32) (local $rs i32) (local $bs i32)
    (local $r f64) (local $g f64) (local $b f64) (local $fn f64)
    (local $kk v128) (local $vv v128) (local $lo i32)
    ;; Where r and b sit in a pixel (little-endian: the first byte is the low one).
    (if (local.get $bgra)
      (then (local.set $rs (i32.const 16)) (local.set $bs (i32.const 0)))
      (else (local.set $rs (i32.const 0)) (local.set $bs (i32.const 16))))
    (block $done
      (loop $pixels
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; A run: the pixels after $i with the same RGBA (paper, flat areas).
        (local.set $v (i32.load (i32.add (local.get $px) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $j (i32.add (local.get $i) (i32.const 1)))
        ;; Four pixels at a time while all four equal it (paper is most of a page), then one by one.
        (local.set $vv (i32x4.splat (local.get $v)))
        (block $quads
          (loop $four
            (br_if $quads (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
            (br_if $quads (i32.eqz (i32x4.all_true (i32x4.eq
              (v128.load align=4 (i32.add (local.get $px) (i32.shl (local.get $j) (i32.const 2))))
              (local.get $vv)))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $four)))
        (block $end
          (loop $same
            (br_if $end (i32.ge_u (local.get $j) (local.get $n)))
            (br_if $end (i32.ne (i32.load (i32.add (local.get $px) (i32.shl (local.get $j) (i32.const 2)))) (local.get $v)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $same)))
        (local.set $run (i32.sub (local.get $j) (local.get $i)))
        ;; Alpha is the high byte in either order.
        (if (i32.ne (i32.shr_u (local.get $v) (i32.const 24)) (i32.const 255))
          (then (local.set $translucent (i32.const 1))))
        (local.set $k (i32.or (i32.or
          (i32.shl (i32.shr_u (i32.and (i32.shr_u (local.get $v) (local.get $rs)) (i32.const 255)) (i32.const 3)) (i32.const 10))
          (i32.shl (i32.shr_u (i32.and (i32.shr_u (local.get $v) (i32.const 8)) (i32.const 255)) (i32.const 3)) (i32.const 5)))
          (i32.shr_u (i32.and (i32.shr_u (local.get $v) (local.get $bs)) (i32.const 255)) (i32.const 3))))
        (local.set $at (i32.add (local.get $count) (i32.shl (local.get $k) (i32.const 2))))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (local.get $run)))
        (local.set $fn (f64.convert_i32_u (local.get $run)))
        (local.set $r (f64.convert_i32_u (i32.and (i32.shr_u (local.get $v) (local.get $rs)) (i32.const 255))))
        (local.set $g (f64.convert_i32_u (i32.and (i32.shr_u (local.get $v) (i32.const 8)) (i32.const 255))))
        (local.set $b (f64.convert_i32_u (i32.and (i32.shr_u (local.get $v) (local.get $bs)) (i32.const 255))))
        (local.set $at (i32.add (local.get $sum) (i32.mul (local.get $k) (i32.const 24))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.mul (local.get $r) (local.get $fn))))
        (f64.store offset=8 (local.get $at) (f64.add (f64.load offset=8 (local.get $at)) (f64.mul (local.get $g) (local.get $fn))))
        (f64.store offset=16 (local.get $at) (f64.add (f64.load offset=16 (local.get $at)) (f64.mul (local.get $b) (local.get $fn))))
        (local.set $at (i32.add (local.get $sq) (i32.mul (local.get $k) (i32.const 24))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.mul (f64.mul (local.get $r) (local.get $r)) (local.get $fn))))
        (f64.store offset=8 (local.get $at) (f64.add (f64.load offset=8 (local.get $at)) (f64.mul (f64.mul (local.get $g) (local.get $g)) (local.get $fn))))
        (f64.store offset=16 (local.get $at) (f64.add (f64.load offset=16 (local.get $at)) (f64.mul (f64.mul (local.get $b) (local.get $b)) (local.get $fn))))
        ;; The run's low bits, when asked for: one by one (runs of a traced picture are short).
        (if (local.get $low)
          (then
            (local.set $lo (i32.or (i32.or
              (i32.shl (i32.and (i32.shr_u (local.get $v) (local.get $rs)) (i32.const 7)) (i32.const 6))
              (i32.shl (i32.and (i32.shr_u (local.get $v) (i32.const 8)) (i32.const 7)) (i32.const 3)))
              (i32.and (i32.shr_u (local.get $v) (local.get $bs)) (i32.const 7))))
            (local.set $x (local.get $i))
            (block $lows
              (loop $lowone
                (br_if $lows (i32.ge_u (local.get $x) (local.get $j)))
                (i32.store16 (i32.add (local.get $low) (i32.shl (local.get $x) (i32.const 1))) (local.get $lo))
                (local.set $x (i32.add (local.get $x) (i32.const 1)))
                (br $lowone)))))
        ;; The run's keys: eight at a time, then one by one.
        (local.set $x (local.get $i))
        (local.set $kk (i16x8.splat (local.get $k)))
        (block $wide
          (loop $eight
            (br_if $wide (i32.gt_u (i32.add (local.get $x) (i32.const 8)) (local.get $j)))
            (v128.store align=2 (i32.add (local.get $keys) (i32.shl (local.get $x) (i32.const 1))) (local.get $kk))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (br $eight)))
        (block $tail
          (loop $one
            (br_if $tail (i32.ge_u (local.get $x) (local.get $j)))
            (i32.store16 (i32.add (local.get $keys) (i32.shl (local.get $x) (i32.const 1))) (local.get $k))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $one)))
        (local.set $i (local.get $j))
        (br $pixels)))
    (local.get $translucent)))
