// German. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const de: CoreLocale = {
  purpose: { site: 'Nur zur Identitätsprüfung bei {site}', none: 'Nur zur Identitätsprüfung' },
  errors: {
    empty: 'Die Datei ist leer (0 Byte). Wählen Sie das Foto oder den Scan erneut aus.',
    truncated: 'Die Datei ist unvollständig (sie endet zu früh), vermutlich wegen eines abgebrochenen Downloads oder Kopiervorgangs. Laden Sie sie erneut herunter, exportieren oder scannen Sie sie neu.',
    corrupt: 'Die Datei ist beschädigt und kann nicht als {kind} gelesen werden. Öffnen Sie sie auf Ihrem Gerät; wird sie nicht angezeigt, fotografieren, scannen oder exportieren Sie sie erneut.',
    'unsupported-type': 'Dieser Dateityp wird nicht unterstützt (erkannt: {found}). Verwenden Sie ein PDF oder ein JPEG-, PNG-, WebP-, HEIC-, AVIF-, TIFF-, GIF- oder BMP-Bild.',
    'too-many-pixels': 'Das Bild ist zu groß ({width}×{height} Pixel, Grenze {limit} Megapixel). Verkleinern Sie es oder nehmen Sie ein kleineres Foto auf.',
    'too-long-side': 'Das Bild ist zu lang ({width}×{height} Pixel; eine Seite darf höchstens {limit} Pixel lang sein). Schneiden Sie es zu oder verkleinern Sie es.',
    'too-large-file': 'Die Datei ist zu groß ({size} MB, Grenze {limit} MB). Verwenden Sie eine kleinere Datei.',
    'cannot-reach-size': 'Die Datei ließ sich nicht unter {limit} bringen, ohne unlesbar zu werden (bestenfalls {size}). Erhöhen Sie die Größengrenze oder schneiden Sie das Bild zu.',
    'decode-failed': 'Der Browser konnte dieses {kind}-Bild nicht öffnen. Es ist vielleicht beschädigt oder ungewöhnlich kodiert; exportieren Sie es erneut als JPEG oder PNG.',
    'encode-failed': 'Das Bild mit Wasserzeichen konnte nicht als {kind} gespeichert werden. Versuchen Sie es erneut oder wählen Sie ein kleineres Bild.',
    timeout: 'Die Verarbeitung hat zu lange gedauert (über {seconds} s) und wurde abgebrochen. Versuchen Sie eine kleinere Datei.',
    'invalid-options': 'Die Einstellungen sind ungültig: {detail}.',
    'trace-failed': 'Der unsichtbare Rückverfolgungscode konnte nicht eingefügt werden (das Bild ist vielleicht zu klein). Es wurde keine Kopie ohne ihn erstellt: Verwenden Sie ein größeres Bild oder schalten Sie die Rückverfolgung in den Einstellungen aus.',
    'pdf-password': 'Dieses PDF ist mit einem Passwort geschützt. Geben Sie das Passwort ein, um es zu öffnen (es wird nur für diese Datei verwendet und nie gespeichert), oder speichern Sie eine Kopie ohne Passwort.',
    'pdf-wrong-password': 'Das Passwort für dieses PDF ist falsch. Prüfen Sie es und versuchen Sie es erneut (bei Kontoauszügen ist es oft ein Geburtsdatum oder ein Teil einer Ausweisnummer).',
    'pdf-page-too-small': 'Seite {page} dieses PDFs ist zu klein für die Anzeige ({width}×{height} mm). Exportieren Sie das Dokument erneut in einem üblichen Papierformat.',
    'pdf-image-too-large': 'Dieses PDF enthält ein Bild, das zu groß ist, um es sicher zu öffnen ({width}×{height} Pixel, Grenze {limit} Megapixel). Exportieren Sie das Dokument erneut mit geringerer Auflösung.',
    'pdf-no-pages': 'Dieses PDF hat keine Seiten. Exportieren Sie das Dokument erneut.',
    'pdf-too-many-pages': 'Dieses PDF hat {pages} Seiten; die Grenze liegt bei {limit}. Speichern Sie nur die Seiten, die Sie hochladen müssen, als neues PDF.',
    'pdf-page-too-large': 'Seite {page} dieses PDFs ist ungewöhnlich groß ({width}×{height} cm). Exportieren Sie das Dokument erneut in einem üblichen Papierformat.',
  },
  warnings: {
    'reencoded-to-fit': 'Um die Größengrenze einzuhalten, wurde das Bild neu kodiert (etwas geringere Qualität).',
    'converted-to-png': 'GIF- und BMP-Bilder werden als PNG gespeichert.',
    'converted-format': 'HEIC-, AVIF- und TIFF-Bilder werden in hoher Qualität als JPEG gespeichert (Schwarzweiß-Scans als PNG), damit Upload-Felder sie annehmen.',
    converted: 'Die Datei wurde in den gewünschten Typ umgewandelt.',
    resized: 'Das Bild wurde verkleinert, um die Größengrenze einzuhalten.',
    'first-page-only': 'Nur die erste Seite wurde in ein Bild umgewandelt.',
    'flattened-protected-pdf': 'Dieses PDF ist gegen Änderungen gesperrt, daher wurden seine Seiten in Bilder umgewandelt (Text ist nicht mehr auswählbar).',
    'watermark-removable': 'Modus „Text behalten“: Der Text bleibt durchsuchbar, aber jeder mit einem PDF-Editor kann dieses Wasserzeichen löschen. Für ein Wasserzeichen, das sich nicht entfernen lässt, wählen Sie „In Bilder umwandeln“.',
    'flattened-for-redaction': 'Um die gezeichneten Rahmen zu schwärzen, wurden die Seiten in Bilder umgewandelt (Text ist nicht mehr auswählbar).',
    'damaged-part-skipped': 'Ein beschädigter Teil der Datei, den Browser überspringen, wurde weggelassen; das Bild sieht so aus, wie Ihr Browser es anzeigt.',
    'page-downscaled': 'Eine sehr große Seite wurde mit geringerer Auflösung gerendert.',
    'end-marker-missing': 'Der Datei fehlte die Endmarkierung (vielleicht wurde ein Kopiervorgang unterbrochen); sie wurde ergänzt, das Bild sieht so aus, wie Ihr Browser es anzeigt.',
  },
};

export default de;
