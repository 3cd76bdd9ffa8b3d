// German. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const de: CoreLocale = {
  purpose: { site: 'Nur zur Identitätsprüfung bei {site}', none: 'Nur zur Identitätsprüfung' },
  errors: {
    empty: 'Die Datei ist leer (0 Byte). Wählen Sie das Foto oder den Scan erneut aus.',
    truncated: 'Die Datei ist unvollständig (sie endet zu früh), vermutlich wegen eines abgebrochenen Downloads oder Kopiervorgangs. Nehmen Sie das Bild neu auf oder exportieren Sie es erneut.',
    corrupt: 'Die Datei ist beschädigt und kann nicht als {kind} gelesen werden. Öffnen Sie sie auf Ihrem Gerät; wird sie nicht angezeigt, fotografieren, scannen oder exportieren Sie sie erneut.',
    'unsupported-type': 'Dieser Dateityp wird nicht unterstützt (erkannt: {found}). Verwenden Sie ein PDF oder ein JPEG-, PNG-, WebP-, GIF- oder BMP-Bild.',
    'heic-unsupported': 'HEIC/HEIF-Fotos (Standard auf dem iPhone) werden noch nicht unterstützt. Wählen Sie auf dem iPhone Einstellungen › Kamera › Formate › Maximale Kompatibilität oder exportieren Sie das Foto als JPEG.',
    'too-many-pixels': 'Das Bild ist zu groß ({width}×{height} Pixel, Grenze {limit} Megapixel). Verkleinern Sie es oder nehmen Sie ein kleineres Foto auf.',
    'too-large-file': 'Die Datei ist zu groß ({size} MB, Grenze {limit} MB). Verwenden Sie eine kleinere Datei.',
    'cannot-reach-size': 'Die Datei ließ sich nicht unter {limit} bringen, ohne unlesbar zu werden (bestenfalls {size}). Erhöhen Sie die Größengrenze oder schneiden Sie das Bild zu.',
    'decode-failed': 'Der Browser konnte dieses {kind}-Bild nicht öffnen. Es ist vielleicht beschädigt oder ungewöhnlich kodiert; exportieren Sie es erneut als JPEG oder PNG.',
    'encode-failed': 'Das Bild mit Wasserzeichen konnte nicht als {kind} gespeichert werden. Versuchen Sie es erneut oder wählen Sie ein kleineres Bild.',
    timeout: 'Die Verarbeitung hat zu lange gedauert (über {seconds} s) und wurde abgebrochen. Versuchen Sie eine kleinere Datei.',
    'invalid-options': 'Die Einstellungen sind ungültig: {detail}.',
    'pdf-password': 'Dieses PDF ist mit einem Passwort geschützt. Öffnen Sie es in einem PDF-Viewer, speichern oder drucken Sie eine Kopie ohne Passwort und wählen Sie diese Kopie.',
    'pdf-no-pages': 'Dieses PDF hat keine Seiten. Exportieren Sie das Dokument erneut.',
    'pdf-too-many-pages': 'Dieses PDF hat {pages} Seiten; die Grenze liegt bei {limit}. Speichern Sie nur die Seiten, die Sie hochladen müssen, als neues PDF.',
    'pdf-page-too-large': 'Seite {page} dieses PDFs ist ungewöhnlich groß ({width}×{height} cm). Exportieren Sie das Dokument erneut in einem üblichen Papierformat.',
  },
  warnings: {
    'reencoded-to-fit': 'Um die Größengrenze einzuhalten, wurde das Bild neu kodiert (etwas geringere Qualität).',
    'converted-to-png': 'GIF- und BMP-Bilder werden als PNG gespeichert.',
    converted: 'Die Datei wurde in den gewünschten Typ umgewandelt.',
    resized: 'Das Bild wurde verkleinert, um die Größengrenze einzuhalten.',
    'first-page-only': 'Nur die erste Seite des PDFs wurde in ein Bild umgewandelt.',
    'flattened-protected-pdf': 'Dieses PDF ist gegen Änderungen gesperrt, daher wurden seine Seiten in Bilder umgewandelt (Text ist nicht mehr auswählbar).',
    'watermark-removable': 'Modus „Text behalten“: Der Text bleibt durchsuchbar, aber jeder mit einem PDF-Editor kann dieses Wasserzeichen löschen. Für ein Wasserzeichen, das sich nicht entfernen lässt, wählen Sie „In Bilder umwandeln“.',
    'flattened-for-redaction': 'Um die gezeichneten Rahmen zu schwärzen, wurden die Seiten in Bilder umgewandelt (Text ist nicht mehr auswählbar).',
    'page-downscaled': 'Eine sehr große Seite wurde mit geringerer Auflösung gerendert.',
  },
};

export default de;
