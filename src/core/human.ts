// Sizes for people: the messages that name a size limit (image and PDF paths alike).

/** Bytes for messages: "1.2 MB", "850 KB". */
export const human = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`);
