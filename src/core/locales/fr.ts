// French. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const fr: CoreLocale = {
  purpose: { site: 'Uniquement pour la vérification d’identité sur {site}', none: 'Uniquement pour une vérification d’identité' },
  errors: {
    empty: 'Le fichier est vide (0 octet). Choisissez de nouveau la photo ou le scan.',
    truncated: 'Le fichier est incomplet (il s’arrête trop tôt), sans doute à cause d’un téléchargement ou d’une copie interrompus. Téléchargez-le, exportez-le ou numérisez-le de nouveau.',
    corrupt: 'Le fichier est endommagé et ne peut pas être lu comme {kind}. Ouvrez-le sur votre appareil ; s’il ne s’affiche pas, reprenez la photo, scannez-le ou exportez-le de nouveau.',
    'unsupported-type': 'Ce type de fichier n’est pas pris en charge (détecté : {found}). Utilisez un PDF ou une image JPEG, PNG, WebP, HEIC, AVIF, TIFF, GIF ou BMP.',
    'too-many-pixels': 'L’image est trop grande ({width}×{height} pixels, limite {limit} mégapixels). Réduisez-la ou prenez une photo plus petite.',
    'too-long-side': 'L’image est trop longue ({width}×{height} pixels ; un côté ne peut pas dépasser {limit} pixels). Recadrez-la ou réduisez-la.',
    'too-large-file': 'Le fichier est trop volumineux ({size} Mo, limite {limit} Mo). Utilisez un fichier plus petit.',
    'cannot-reach-size': 'Impossible de ramener le fichier sous {limit} sans le rendre illisible (au mieux : {size}). Relevez la limite de taille ou recadrez l’image.',
    'decode-failed': 'Le navigateur n’a pas pu ouvrir cette image {kind}. Elle est peut-être endommagée ou encodée de façon inhabituelle ; exportez-la de nouveau en JPEG ou PNG.',
    'encode-failed': 'L’image filigranée n’a pas pu être enregistrée en {kind}. Réessayez ou choisissez une image plus petite.',
    timeout: 'Le traitement a pris trop de temps (plus de {seconds} s) et a été arrêté. Essayez un fichier plus petit.',
    'invalid-options': 'Les paramètres ne sont pas valides : {detail}.',
    'trace-failed': "Le code de traçage invisible n'a pas pu être ajouté (l'image est peut-être trop petite). Aucune copie n'a été faite sans lui : utilisez une image plus grande ou désactivez le traçage dans les réglages.",
    'pdf-password': 'Ce PDF est protégé par un mot de passe. Saisissez-le pour l’ouvrir (il ne sert qu’à ce fichier et n’est jamais enregistré), ou enregistrez une copie sans mot de passe.',
    'pdf-wrong-password': 'Le mot de passe de ce PDF est incorrect. Vérifiez-le et réessayez (pour un relevé bancaire, c’est souvent une date de naissance ou une partie d’un numéro de pièce d’identité).',
    'pdf-page-too-small': 'La page {page} de ce PDF est trop petite pour être affichée ({width}×{height} mm). Exportez de nouveau le document dans un format de papier courant.',
    'pdf-image-too-large': 'Ce PDF contient une image trop grande pour être ouverte en toute sécurité ({width}×{height} pixels, limite {limit} mégapixels). Exportez de nouveau le document avec une résolution plus faible.',
    'pdf-no-pages': 'Ce PDF n’a aucune page. Exportez de nouveau le document.',
    'pdf-too-many-pages': 'Ce PDF compte {pages} pages ; la limite est de {limit}. Enregistrez dans un nouveau PDF seulement les pages à envoyer.',
    'pdf-page-too-large': 'La page {page} de ce PDF est anormalement grande ({width}×{height} cm). Exportez de nouveau le document dans un format de papier courant.',
  },
  warnings: {
    'reencoded-to-fit': 'Pour respecter la limite de taille, l’image a été réencodée (qualité légèrement inférieure).',
    'converted-to-png': 'Les images GIF et BMP sont enregistrées en PNG.',
    'converted-format': 'Les images HEIC, AVIF et TIFF sont enregistrées en JPEG de haute qualité (les numérisations en noir et blanc, en PNG), des formats acceptés par les champs d’envoi.',
    converted: 'Le fichier a été converti dans le type demandé.',
    resized: 'L’image a été réduite pour respecter la limite de taille.',
    'first-page-only': 'Seule la première page a été convertie en image.',
    'flattened-protected-pdf': 'Ce PDF est verrouillé contre les modifications : ses pages ont donc été converties en images (le texte n’est plus sélectionnable).',
    'watermark-removable': 'Mode « garder le texte » : le texte reste cherchable, mais n’importe qui muni d’un éditeur PDF peut supprimer ce filigrane. Choisissez le mode « aplatir » pour un filigrane impossible à retirer.',
    'flattened-for-redaction': 'Pour masquer les rectangles tracés, les pages ont été converties en images (le texte n’est plus sélectionnable).',
    'damaged-part-skipped': 'Une partie endommagée du fichier, que les navigateurs ignorent, a été retirée ; l’image est telle que votre navigateur l’affiche.',
    'page-downscaled': 'Une très grande page a été rendue en résolution réduite.',
    'end-marker-missing': 'Il manquait au fichier son marqueur de fin (copie interrompue ?) ; il a été ajouté, et l’image est telle que votre navigateur l’affiche.',
  },
};

export default fr;
