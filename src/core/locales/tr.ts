// Turkish. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const tr: CoreLocale = {
  purpose: { site: 'Yalnızca {site} kimlik doğrulaması içindir', none: 'Yalnızca kimlik doğrulaması içindir' },
  errors: {
    empty: 'Dosya boş (0 bayt). Fotoğrafı veya taramayı yeniden seçin.',
    truncated: 'Dosya eksik (erken bitiyor); muhtemelen indirme veya kopyalama yarıda kesildi. Görüntüyü yeniden çekin veya dışa aktarın.',
    corrupt: 'Dosya bozuk ve {kind} olarak okunamıyor. Cihazınızda açmayı deneyin; görünmüyorsa yeniden çekin, tarayın veya dışa aktarın.',
    'unsupported-type': 'Bu dosya türü desteklenmiyor (bulunan: {found}). PDF veya JPEG, PNG, WebP, GIF ya da BMP görüntüsü kullanın.',
    'heic-unsupported': 'HEIC/HEIF fotoğrafları (iPhone varsayılanı) henüz desteklenmiyor. iPhone’da Ayarlar › Kamera › Formatlar › En Uyumlu’yu seçin ya da fotoğrafı JPEG olarak dışa aktarın.',
    'too-many-pixels': 'Görüntü çok büyük ({width}×{height} piksel, sınır {limit} megapiksel). Yeniden boyutlandırın veya daha küçük bir fotoğraf çekin.',
    'too-large-file': 'Dosya çok büyük ({size} MB, sınır {limit} MB). Daha küçük bir dosya kullanın.',
    'cannot-reach-size': 'Dosya okunaksız hâle gelmeden {limit} altına indirilemedi (en iyi: {size}). Boyut sınırını yükseltin veya görüntüyü kırpın.',
    'decode-failed': 'Tarayıcı bu {kind} görüntüsünü açamadı. Bozuk olabilir ya da alışılmadık biçimde kodlanmış olabilir; JPEG veya PNG olarak yeniden dışa aktarın.',
    'encode-failed': 'Filigranlı görüntü {kind} olarak kaydedilemedi. Yeniden deneyin veya daha küçük bir görüntü seçin.',
    timeout: 'İşlem çok uzun sürdü ({seconds} sn’den fazla) ve durduruldu. Daha küçük bir dosya deneyin.',
    'invalid-options': 'Ayarlar geçerli değil: {detail}.',
    'pdf-password': 'Bu PDF parolayla korunuyor. Bir PDF görüntüleyicide açın, parolasız bir kopyasını kaydedin veya yazdırın ve o kopyayı seçin.',
    'pdf-no-pages': 'Bu PDF’de hiç sayfa yok. Belgeyi yeniden dışa aktarın.',
    'pdf-too-many-pages': 'Bu PDF {pages} sayfa; sınır {limit}. Yalnızca yüklemeniz gereken sayfaları yeni bir PDF olarak kaydedin.',
    'pdf-page-too-large': 'Bu PDF’nin {page}. sayfası olağan dışı büyük ({width}×{height} cm). Belgeyi normal bir kâğıt boyutunda yeniden dışa aktarın.',
  },
  warnings: {
    'reencoded-to-fit': 'Boyut sınırına uymak için görüntü yeniden kodlandı (kalite biraz düştü).',
    'converted-to-png': 'GIF ve BMP görüntüleri PNG olarak kaydedilir.',
    converted: 'Dosya istenen türe dönüştürüldü.',
    resized: 'Boyut sınırına uymak için görüntü küçültüldü.',
    'first-page-only': 'PDF’nin yalnızca ilk sayfası görüntüye dönüştürüldü.',
    'flattened-protected-pdf': 'Bu PDF değişikliğe karşı kilitli olduğu için sayfaları görüntüye dönüştürüldü (metin artık seçilemez).',
    'watermark-removable': 'Metni koru modu: metin aranabilir kalır, ancak PDF düzenleyicisi olan herkes bu filigranı silebilir. Kaldırılamayan bir filigran için düzleştir modunu kullanın.',
    'flattened-for-redaction': 'Çizdiğiniz kutuları karartmak için sayfalar görüntüye dönüştürüldü (metin artık seçilemez).',
    'page-downscaled': 'Çok büyük bir sayfa daha düşük çözünürlükte işlendi.',
  },
};

export default tr;
