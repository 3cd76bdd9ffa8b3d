// Portuguese (Brazil). Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const pt_BR: CoreLocale = {
  purpose: { site: 'Somente para verificação de identidade em {site}', none: 'Somente para verificação de identidade' },
  errors: {
    empty: 'O arquivo está vazio (0 bytes). Escolha a foto ou o escaneamento de novo.',
    truncated: 'O arquivo está incompleto (termina antes da hora), provavelmente por um download ou cópia interrompidos. Baixe, exporte ou digitalize de novo.',
    corrupt: 'O arquivo está danificado e não pode ser lido como {kind}. Abra-o no seu aparelho; se não aparecer, tire a foto, escaneie ou exporte de novo.',
    'unsupported-type': 'Este tipo de arquivo não é compatível (encontrado: {found}). Use um PDF ou uma imagem JPEG, PNG, WebP, HEIC, AVIF, TIFF, GIF ou BMP.',
    'too-many-pixels': 'A imagem é grande demais ({width}×{height} pixels, limite de {limit} megapixels). Reduza-a ou tire uma foto menor.',
    'too-long-side': 'A imagem é comprida demais ({width}×{height} pixels; cada lado pode ter no máximo {limit} pixels). Recorte ou reduza a imagem.',
    'too-large-file': 'O arquivo é grande demais ({size} MB, limite de {limit} MB). Use um arquivo menor.',
    'cannot-reach-size': 'Não foi possível deixar o arquivo abaixo de {limit} sem torná-lo ilegível (melhor resultado: {size}). Aumente o limite de tamanho ou recorte a imagem.',
    'decode-failed': 'O navegador não conseguiu abrir esta imagem {kind}. Ela pode estar danificada ou usar uma codificação incomum; exporte de novo como JPEG ou PNG.',
    'encode-failed': 'Não foi possível salvar a imagem marcada como {kind}. Tente de novo ou escolha uma imagem menor.',
    timeout: 'O processamento demorou demais (mais de {seconds} s) e foi interrompido. Tente um arquivo menor.',
    'invalid-options': 'As configurações não são válidas: {detail}.',
    'trace-failed': 'Não foi possível adicionar o código de rastreio invisível (a imagem pode ser pequena demais). Nenhuma cópia foi feita sem ele: use uma imagem maior ou desative o rastreio nas configurações.',
    'pdf-password': 'Este PDF é protegido por senha. Digite a senha para abri-lo (ela é usada só para este arquivo e nunca é salva) ou salve uma cópia sem senha.',
    'pdf-wrong-password': 'A senha deste PDF está incorreta. Confira e tente de novo (em extratos bancários, costuma ser a data de nascimento ou parte do número de um documento, como o CPF).',
    'pdf-page-too-small': 'A página {page} deste PDF é pequena demais para ser exibida ({width}×{height} mm). Exporte o documento de novo em um tamanho de papel comum.',
    'pdf-image-too-large': 'Este PDF contém uma imagem grande demais para ser aberta com segurança ({width}×{height} pixels, limite de {limit} megapixels). Exporte o documento de novo com resolução menor.',
    'pdf-no-pages': 'Este PDF não tem páginas. Exporte o documento de novo.',
    'pdf-too-many-pages': 'Este PDF tem {pages} páginas; o limite é {limit}. Salve em um novo PDF só as páginas que você precisa enviar.',
    'pdf-page-too-large': 'A página {page} deste PDF é grande demais ({width}×{height} cm). Exporte o documento de novo em um tamanho de papel comum.',
  },
  warnings: {
    'reencoded-to-fit': 'Para caber no limite de tamanho, a imagem foi recodificada (qualidade um pouco menor).',
    'converted-to-png': 'Imagens GIF e BMP são salvas como PNG.',
    'converted-format': 'Imagens HEIC, AVIF e TIFF são salvas como JPEG em alta qualidade (digitalizações em preto e branco, como PNG), formatos que os campos de envio aceitam.',
    converted: 'O arquivo foi convertido para o tipo pedido.',
    resized: 'A imagem foi reduzida para caber no limite de tamanho.',
    'first-page-only': 'Só a primeira página virou imagem.',
    'flattened-protected-pdf': 'Este PDF está bloqueado contra alterações, por isso as páginas viraram imagens (o texto não pode mais ser selecionado).',
    'watermark-removable': 'Modo manter o texto: o texto continua pesquisável, mas qualquer pessoa com um editor de PDF pode apagar esta marca d’água. Use o modo achatar para uma marca que não possa ser removida.',
    'flattened-for-redaction': 'Para tarjar os retângulos que você desenhou, as páginas viraram imagens (o texto não pode mais ser selecionado).',
    'damaged-part-skipped': 'Uma parte danificada do arquivo, que os navegadores ignoram, foi deixada de fora; a imagem fica como o seu navegador a mostra.',
    'page-downscaled': 'Uma página muito grande foi renderizada com resolução menor.',
    'end-marker-missing': 'Faltava a marca de fim do arquivo (talvez uma cópia tenha sido interrompida); ela foi adicionada e a imagem fica como o seu navegador a mostra.',
  },
};

export default pt_BR;
