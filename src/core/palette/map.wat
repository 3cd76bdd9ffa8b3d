;; The palette's mapping (quantise.ts, mapKeys): every pixel's bin (from count.wat) through the
;; palette's table to its entry, packed two pixels a byte (4 bits: text pages) or one (8 bits:
;; screenshots), a row at a time after `skip` bytes (PNG's filter byte). Eight pixels whose bin
;; is the last one's (paper, flat areas) are written at once. About 4x faster than the
;; JavaScript it replaced, on a text page. Built into map-wasm.ts by `npm run wasm` (wabt); a
;; unit test checks that the committed bytes are this text's.
;;
;; Memory (imported: each mapper has its own), laid out by quantise.ts, offsets in bytes:
;;   lut:  u8 per bin (32,768)
;;   keys: u16 per pixel, whole rows
;;   out:  the packed rows, `stride` bytes each (all written, the first `skip` as 0)
(module
  (import "env" "memory" (memory 1))

  ;; Maps $rows rows of $width pixels at $keys into rows of $stride bytes at $out.
  (func (export "map")
    (param $lut i32) (param $keys i32) (param $out i32) (param $width i32) (param $rows i32)
    (param $stride i32) (param $skip i32) (param $bits i32)
    (local $y i32) (local $x i32) (local $k i32) (local $o i32) (local $src i32) (local $end i32)
    (local $last i32) (local $fill i32) (local $a i32) (local $lastv v128)
    (block $rowsDone
      (loop $eachRow
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $rows)))
        (local.set $src (i32.add (local.get $keys) (i32.shl (i32.mul (local.get $y) (local.get $width)) (i32.const 1))))
        ;; The row's first `skip` bytes are 0 (PNG's filter byte: none).
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $y) (local.get $stride))))
        (local.set $end (i32.add (local.get $o) (local.get $skip)))
        (block $skipped
          (loop $zero
            (br_if $skipped (i32.ge_u (local.get $o) (local.get $end)))
            (i32.store8 (local.get $o) (i32.const 0))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (br $zero)))
        (local.set $x (i32.const 0))
        ;; No bin is 0xffff: the first eight pixels of a row never pass for a run.
        (local.set $last (i32.const 0xffff))
        (local.set $lastv (i16x8.splat (local.get $last)))
        (if (i32.eq (local.get $bits) (i32.const 4))
          (then
            ;; Whole pairs; an odd last pixel takes the high half of the row's last byte.
            (local.set $end (i32.and (local.get $width) (i32.const -2)))
            (block $pairsDone
              (loop $pairs
                (br_if $pairsDone (i32.ge_u (local.get $x) (local.get $end)))
                (if (i32.and
                      (i32.le_u (i32.add (local.get $x) (i32.const 8)) (local.get $end))
                      (i16x8.all_true (i16x8.eq (v128.load align=2 (i32.add (local.get $src) (i32.shl (local.get $x) (i32.const 1)))) (local.get $lastv))))
                  (then
                    ;; Eight pixels of the last bin: four bytes of its entry twice.
                    (i32.store align=1 (local.get $o) (local.get $fill))
                    (local.set $o (i32.add (local.get $o) (i32.const 4)))
                    (local.set $x (i32.add (local.get $x) (i32.const 8))))
                  (else
                    (local.set $k (i32.load16_u (i32.add (local.get $src) (i32.shl (local.get $x) (i32.const 1)))))
                    (local.set $a (i32.load8_u (i32.add (local.get $lut) (local.get $k))))
                    (local.set $last (i32.load16_u offset=2 (i32.add (local.get $src) (i32.shl (local.get $x) (i32.const 1)))))
                    (local.set $fill (i32.load8_u (i32.add (local.get $lut) (local.get $last))))
                    (i32.store8 (local.get $o) (i32.or (i32.shl (local.get $a) (i32.const 4)) (local.get $fill)))
                    (local.set $lastv (i16x8.splat (local.get $last)))
                    (local.set $fill (i32.mul (i32.mul (local.get $fill) (i32.const 0x11)) (i32.const 0x01010101)))
                    (local.set $o (i32.add (local.get $o) (i32.const 1)))
                    (local.set $x (i32.add (local.get $x) (i32.const 2)))))
                (br $pairs)))
            (if (i32.lt_u (local.get $x) (local.get $width))
              (then
                (local.set $k (i32.load16_u (i32.add (local.get $src) (i32.shl (local.get $x) (i32.const 1)))))
                (i32.store8 (local.get $o) (i32.shl (i32.load8_u (i32.add (local.get $lut) (local.get $k))) (i32.const 4))))))
          (else
            ;; 8 bits: a byte a pixel.
            (block $bytesDone
              (loop $bytes
                (br_if $bytesDone (i32.ge_u (local.get $x) (local.get $width)))
                (if (i32.and
                      (i32.le_u (i32.add (local.get $x) (i32.const 8)) (local.get $width))
                      (i16x8.all_true (i16x8.eq (v128.load align=2 (i32.add (local.get $src) (i32.shl (local.get $x) (i32.const 1)))) (local.get $lastv))))
                  (then
                    (i32.store align=1 (local.get $o) (local.get $fill))
                    (i32.store offset=4 align=1 (local.get $o) (local.get $fill))
                    (local.set $o (i32.add (local.get $o) (i32.const 8)))
                    (local.set $x (i32.add (local.get $x) (i32.const 8))))
                  (else
                    (local.set $last (i32.load16_u (i32.add (local.get $src) (i32.shl (local.get $x) (i32.const 1)))))
                    (local.set $a (i32.load8_u (i32.add (local.get $lut) (local.get $last))))
                    (i32.store8 (local.get $o) (local.get $a))
                    (local.set $lastv (i16x8.splat (local.get $last)))
                    (local.set $fill (i32.mul (local.get $a) (i32.const 0x01010101)))
                    (local.set $o (i32.add (local.get $o) (i32.const 1)))
                    (local.set $x (i32.add (local.get $x) (i32.const 1)))))
                (br $bytes)))))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $eachRow)))))
