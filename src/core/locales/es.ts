// Spanish. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const es: CoreLocale = {
  purpose: { site: 'Solo para la verificación de identidad en {site}', none: 'Solo para verificación de identidad' },
  errors: {
    empty: 'El archivo está vacío (0 bytes). Vuelve a elegir la foto o el escaneo.',
    truncated: 'El archivo está incompleto (termina antes de tiempo), seguramente por una descarga o copia interrumpida. Vuelve a descargarlo, exportarlo o escanearlo.',
    corrupt: 'El archivo está dañado y no se puede leer como {kind}. Ábrelo en tu dispositivo; si no se ve, vuelve a hacer la foto, escanearlo o exportarlo.',
    'unsupported-type': 'Este tipo de archivo no es compatible (detectado: {found}). Usa un PDF o una imagen JPEG, PNG, WebP, HEIC, AVIF, TIFF, GIF o BMP.',
    'too-many-pixels': 'La imagen es demasiado grande ({width}×{height} píxeles, límite {limit} megapíxeles). Redúcela o haz una foto más pequeña.',
    'too-long-side': 'La imagen es demasiado larga ({width}×{height} píxeles; cada lado puede medir como máximo {limit} píxeles). Recórtala o redúcela.',
    'too-large-file': 'El archivo es demasiado grande ({size} MB, límite {limit} MB). Usa un archivo más pequeño.',
    'cannot-reach-size': 'No se pudo reducir el archivo por debajo de {limit} sin que quede ilegible (lo mejor: {size}). Sube el límite de tamaño o recorta la imagen.',
    'decode-failed': 'El navegador no pudo abrir esta imagen {kind}. Puede estar dañada o usar una codificación poco habitual; vuelve a exportarla como JPEG o PNG.',
    'encode-failed': 'No se pudo guardar la imagen marcada como {kind}. Inténtalo de nuevo o elige una imagen más pequeña.',
    timeout: 'El proceso tardó demasiado (más de {seconds} s) y se detuvo. Prueba con un archivo más pequeño.',
    'invalid-options': 'Los ajustes no son válidos: {detail}.',
    'trace-failed': 'No se pudo añadir el código de rastreo invisible (puede que la imagen sea demasiado pequeña). No se creó ninguna copia sin él: use una imagen más grande o desactive el rastreo en los ajustes.',
    'pdf-password': 'Este PDF está protegido con contraseña. Escribe la contraseña para abrirlo (solo se usa para este archivo y nunca se guarda) o guarda una copia sin contraseña.',
    'pdf-wrong-password': 'La contraseña de este PDF no es correcta. Revísala y vuelve a intentarlo (en los extractos bancarios suele ser la fecha de nacimiento o parte del número de documento).',
    'pdf-page-too-small': 'La página {page} de este PDF es demasiado pequeña para mostrarse ({width}×{height} mm). Vuelve a exportar el documento con un tamaño de papel normal.',
    'pdf-image-too-large': 'Este PDF contiene una imagen demasiado grande para abrirla con seguridad ({width}×{height} píxeles, límite {limit} megapíxeles). Vuelve a exportar el documento con menos resolución.',
    'pdf-no-pages': 'Este PDF no tiene páginas. Vuelve a exportar el documento.',
    'pdf-too-many-pages': 'Este PDF tiene {pages} páginas; el límite es {limit}. Guarda en un PDF nuevo solo las páginas que necesites subir.',
    'pdf-page-too-large': 'La página {page} de este PDF es inusualmente grande ({width}×{height} cm). Vuelve a exportar el documento con un tamaño de papel normal.',
  },
  warnings: {
    'reencoded-to-fit': 'Para cumplir el límite de tamaño, la imagen se volvió a codificar (con una calidad algo menor).',
    'converted-to-png': 'Las imágenes GIF y BMP se guardan como PNG.',
    'converted-format': 'Las imágenes HEIC, AVIF y TIFF se guardan como JPEG de alta calidad (los escaneos en blanco y negro, como PNG), que los formularios de subida aceptan.',
    converted: 'El archivo se convirtió al tipo solicitado.',
    resized: 'La imagen se redujo para cumplir el límite de tamaño.',
    'first-page-only': 'Solo la primera página se convirtió en imagen.',
    'flattened-protected-pdf': 'Este PDF está bloqueado contra cambios, así que sus páginas se convirtieron en imágenes (el texto ya no se puede seleccionar).',
    'watermark-removable': 'Modo conservar el texto: el texto se puede buscar, pero cualquiera con un editor de PDF puede borrar esta marca de agua. Usa el modo aplanar para una marca que no se pueda quitar.',
    'flattened-for-redaction': 'Para tapar los recuadros que dibujaste, las páginas se convirtieron en imágenes (el texto ya no se puede seleccionar).',
    'damaged-part-skipped': 'Se omitió una parte dañada del archivo que los navegadores ignoran; la imagen es tal como la muestra tu navegador.',
    'page-downscaled': 'Una página muy grande se representó con menos resolución.',
    'end-marker-missing': 'Al archivo le faltaba la marca de fin (quizá se interrumpió una copia); se añadió y la imagen es tal como la muestra tu navegador.',
  },
};

export default es;
