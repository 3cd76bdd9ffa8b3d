// Turkish. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const tr: CoreLocale = {
  purpose: { site: 'Yalnızca {site} kimlik doğrulaması içindir', none: 'Yalnızca kimlik doğrulaması içindir' },
  errors: {
    empty: 'Dosya boş (0 bayt). Fotoğrafı veya taramayı yeniden seçin.',
    truncated: 'Dosya eksik (erken bitiyor); muhtemelen indirme veya kopyalama yarıda kesildi. Dosyayı yeniden indirin, dışa aktarın veya tarayın.',
    corrupt: 'Dosya bozuk ve {kind} olarak okunamıyor. Cihazınızda açmayı deneyin; görünmüyorsa yeniden çekin, tarayın veya dışa aktarın.',
    'unsupported-type': 'Bu dosya türü desteklenmiyor (bulunan: {found}). PDF veya JPEG, PNG, WebP, HEIC, AVIF, TIFF, GIF ya da BMP görüntüsü kullanın.',
    'too-many-pixels': 'Görüntü çok büyük ({width}×{height} piksel, sınır {limit} megapiksel). Yeniden boyutlandırın veya daha küçük bir fotoğraf çekin.',
    'too-long-side': 'Görüntü çok uzun ({width}×{height} piksel; bir kenar en fazla {limit} piksel olabilir). Kırpın veya yeniden boyutlandırın.',
    'too-large-file': 'Dosya çok büyük ({size} MB, sınır {limit} MB). Daha küçük bir dosya kullanın.',
    'cannot-reach-size': 'Dosya okunaksız hâle gelmeden {limit} altına indirilemedi (en iyi: {size}). Boyut sınırını yükseltin veya görüntüyü kırpın.',
    'decode-failed': 'Tarayıcı bu {kind} görüntüsünü açamadı. Bozuk olabilir ya da alışılmadık biçimde kodlanmış olabilir; JPEG veya PNG olarak yeniden dışa aktarın.',
    'encode-failed': 'Filigranlı görüntü {kind} olarak kaydedilemedi. Yeniden deneyin veya daha küçük bir görüntü seçin.',
    timeout: 'İşlem çok uzun sürdü ({seconds} sn’den fazla) ve durduruldu. Daha küçük bir dosya deneyin.',
    'invalid-options': 'Ayarlar geçerli değil: {detail}.',
    'trace-failed': 'Görünmez izleme kodu eklenemedi (resim çok küçük olabilir). Kodsuz bir kopya oluşturulmadı: daha büyük bir resim kullanın veya ayarlardan izlemeyi kapatın.',
    'pdf-password': 'Bu PDF parolayla korunuyor. Açmak için parolayı girin (yalnızca bu dosya için kullanılır ve asla saklanmaz) ya da parolasız bir kopyasını kaydedin.',
    'pdf-wrong-password': 'Bu PDF’nin parolası yanlış. Kontrol edip yeniden deneyin (banka hesap dökümlerinde parola çoğu zaman doğum tarihi veya kimlik numarasının bir kısmıdır).',
    'pdf-page-too-small': 'Bu PDF’nin {page}. sayfası gösterilemeyecek kadar küçük ({width}×{height} mm). Belgeyi normal bir kâğıt boyutunda yeniden dışa aktarın.',
    'pdf-image-too-large': 'Bu PDF, güvenle açılamayacak kadar büyük bir görüntü içeriyor ({width}×{height} piksel, sınır {limit} megapiksel). Belgeyi daha düşük çözünürlükte yeniden dışa aktarın.',
    'pdf-no-pages': 'Bu PDF’de hiç sayfa yok. Belgeyi yeniden dışa aktarın.',
    'pdf-too-many-pages': 'Bu PDF {pages} sayfa; sınır {limit}. Yalnızca yüklemeniz gereken sayfaları yeni bir PDF olarak kaydedin.',
    'pdf-page-too-large': 'Bu PDF’nin {page}. sayfası olağan dışı büyük ({width}×{height} cm). Belgeyi normal bir kâğıt boyutunda yeniden dışa aktarın.',
  },
  warnings: {
    'reencoded-to-fit': 'Boyut sınırına uymak için görüntü yeniden kodlandı (kalite biraz düştü).',
    'converted-to-png': 'GIF ve BMP görüntüleri PNG olarak kaydedilir.',
    'converted-format': 'HEIC, AVIF ve TIFF görüntüleri, yükleme alanlarının kabul ettiği JPEG biçiminde yüksek kalitede kaydedilir (siyah beyaz taramalar PNG olarak).',
    converted: 'Dosya istenen türe dönüştürüldü.',
    resized: 'Boyut sınırına uymak için görüntü küçültüldü.',
    'first-page-only': 'Yalnızca ilk sayfa görüntüye dönüştürüldü.',
    'flattened-protected-pdf': 'Bu PDF değişikliğe karşı kilitli olduğu için sayfaları görüntüye dönüştürüldü (metin artık seçilemez).',
    'watermark-removable': 'Metni koru modu: metin aranabilir kalır, ancak PDF düzenleyicisi olan herkes bu filigranı silebilir. Kaldırılamayan bir filigran için düzleştir modunu kullanın.',
    'flattened-for-redaction': 'Çizdiğiniz kutuları karartmak için sayfalar görüntüye dönüştürüldü (metin artık seçilemez).',
    'damaged-part-skipped': 'Dosyanın, tarayıcıların zaten atladığı hasarlı bir kısmı çıkarıldı; görüntü tarayıcınızda göründüğü gibidir.',
    'page-downscaled': 'Çok büyük bir sayfa daha düşük çözünürlükte işlendi.',
    'end-marker-missing': 'Dosyanın bitiş işareti eksikti (kopyalama yarıda kesilmiş olabilir); eklendi, görüntü tarayıcınızda göründüğü gibidir.',
  },
};

export default tr;
