// Indonesian. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const id: CoreLocale = {
  purpose: { site: 'Hanya untuk verifikasi identitas di {site}', none: 'Hanya untuk verifikasi identitas' },
  errors: {
    empty: 'File kosong (0 byte). Pilih lagi foto atau hasil pindaiannya.',
    truncated: 'File tidak lengkap (berakhir terlalu cepat), mungkin karena unduhan atau penyalinan terputus. Unduh, ekspor, atau pindai ulang.',
    corrupt: 'File rusak dan tidak bisa dibaca sebagai {kind}. Buka di perangkat Anda; jika tidak tampil, foto, pindai, atau ekspor ulang.',
    'unsupported-type': 'Jenis file ini tidak didukung (terdeteksi: {found}). Gunakan PDF atau gambar JPEG, PNG, WebP, HEIC, AVIF, TIFF, GIF, atau BMP.',
    'too-many-pixels': 'Gambar terlalu besar ({width}×{height} piksel, batas {limit} megapiksel). Perkecil gambar atau ambil foto yang lebih kecil.',
    'too-long-side': 'Gambar terlalu panjang ({width}×{height} piksel; tiap sisi maksimal {limit} piksel). Potong atau perkecil gambar.',
    'too-large-file': 'File terlalu besar ({size} MB, batas {limit} MB). Gunakan file yang lebih kecil.',
    'cannot-reach-size': 'File tidak bisa diperkecil di bawah {limit} tanpa menjadi sulit dibaca (terkecil: {size}). Naikkan batas ukuran atau potong gambarnya.',
    'decode-failed': 'Browser tidak bisa membuka gambar {kind} ini. Mungkin rusak atau memakai penyandian yang tidak biasa; ekspor ulang sebagai JPEG atau PNG.',
    'encode-failed': 'Gambar bertanda air tidak bisa disimpan sebagai {kind}. Coba lagi, atau pilih gambar yang lebih kecil.',
    timeout: 'Pemrosesan terlalu lama (lebih dari {seconds} detik) dan dihentikan. Coba file yang lebih kecil.',
    'invalid-options': 'Pengaturan tidak valid: {detail}.',
    'trace-failed': 'Kode pelacak tak terlihat tidak dapat ditambahkan (gambar mungkin terlalu kecil). Tidak ada salinan yang dibuat tanpanya: gunakan gambar yang lebih besar atau matikan pelacak di pengaturan.',
    'pdf-password': 'PDF ini dilindungi kata sandi. Masukkan kata sandi untuk membukanya (hanya dipakai untuk file ini dan tidak pernah disimpan), atau simpan salinan tanpa kata sandi.',
    'pdf-wrong-password': 'Kata sandi PDF ini salah. Periksa lalu coba lagi (untuk rekening koran, kata sandinya sering berupa tanggal lahir atau sebagian nomor identitas).',
    'pdf-page-too-small': 'Halaman {page} PDF ini terlalu kecil untuk ditampilkan ({width}×{height} mm). Ekspor ulang dokumen dengan ukuran kertas biasa.',
    'pdf-image-too-large': 'PDF ini berisi gambar yang terlalu besar untuk dibuka dengan aman ({width}×{height} piksel, batas {limit} megapiksel). Ekspor ulang dokumen dengan resolusi lebih rendah.',
    'pdf-no-pages': 'PDF ini tidak punya halaman. Ekspor ulang dokumennya.',
    'pdf-too-many-pages': 'PDF ini berisi {pages} halaman; batasnya {limit}. Simpan hanya halaman yang perlu diunggah sebagai PDF baru.',
    'pdf-page-too-large': 'Halaman {page} PDF ini berukuran tidak wajar ({width}×{height} cm). Ekspor ulang dokumen dengan ukuran kertas biasa.',
  },
  warnings: {
    'reencoded-to-fit': 'Agar sesuai batas ukuran, gambar disandikan ulang (kualitas sedikit turun).',
    'converted-to-png': 'Gambar GIF dan BMP disimpan sebagai PNG.',
    'converted-format': 'Gambar HEIC, AVIF, dan TIFF disimpan sebagai JPEG berkualitas tinggi (pindaian hitam-putih sebagai PNG) agar diterima kolom unggahan.',
    converted: 'File diubah ke jenis yang diminta.',
    resized: 'Gambar diperkecil agar sesuai batas ukuran.',
    'first-page-only': 'Hanya halaman pertama yang diubah menjadi gambar.',
    'flattened-protected-pdf': 'PDF ini dikunci dari perubahan, jadi halamannya diubah menjadi gambar (teks tidak bisa dipilih lagi).',
    'watermark-removable': 'Mode pertahankan teks: teks tetap bisa dicari, tetapi siapa pun dengan editor PDF bisa menghapus tanda air ini. Gunakan mode ratakan untuk tanda air yang tidak bisa dihapus.',
    'flattened-for-redaction': 'Untuk menutupi kotak yang Anda gambar, halaman diubah menjadi gambar (teks tidak bisa dipilih lagi).',
    'damaged-part-skipped': 'Bagian file yang rusak dan biasa dilewati browser telah dibuang; gambarnya sama seperti yang ditampilkan browser Anda.',
    'page-downscaled': 'Sebuah halaman yang sangat besar ditampilkan dengan resolusi lebih rendah.',
    'end-marker-missing': 'Penanda akhir file hilang (mungkin karena penyalinan terputus); sudah ditambahkan, gambarnya sama seperti yang ditampilkan browser Anda.',
  },
};

export default id;
