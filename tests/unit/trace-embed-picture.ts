// A generated picture for the embed's bit-identity test: smooth gradients, flat paper, a busy
// texture, hard edges, saturated black and white (the clamp), and a few transparent pixels.
export function picture(width: number, height: number, clamped: boolean): { data: Uint8ClampedArray | Uint8Array; width: number; height: number } {
  const data = clamped ? new Uint8ClampedArray(width * height * 4) : new Uint8Array(width * height * 4);
  let s = 0x9e3779b9 ^ (width * 7919 + height);
  const noise = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) % 33) - 16;
  };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const u = x / width;
      const v = y / height;
      // Quarters: gradient, flat white paper, noisy texture, black-and-white stripes.
      let r: number, g: number, b: number;
      if (u < 0.5 && v < 0.5) [r, g, b] = [255 * u * 2, 255 * v * 2, 128];
      else if (u >= 0.5 && v < 0.5) [r, g, b] = [253, 254, 255];
      else if (u < 0.5) {
        const n = noise();
        [r, g, b] = [120 + n * 3, 100 + n * 2, 90 + n];
      } else [r, g, b] = Math.floor(x / 7) % 2 ? [255, 255, 255] : [0, 1, 2];
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = (x * 13 + y * 7) % 997 === 0 ? 0 : 255;
    }
  return { data, width, height };
}
