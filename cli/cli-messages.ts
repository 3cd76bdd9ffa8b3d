// The command-line tool's own messages (a path that is missing, a folder, an unreadable file, a
// browser page that died, a file that took too long), in every language of --lang. Errors of the stamping itself come from
// the core (src/core/errors.ts); these happen before or around it, on the command line only.
import type { Lang } from '../src/core/lang.ts';

export type CliErrorCode = TranslatedCode | UntranslatedCode;
type TranslatedCode = 'not-found' | 'is-folder' | 'io';
/** Lines added with the batch runner, in English until the translators' tree takes them. */
type UntranslatedCode = 'browser-failed' | 'browser-closed' | 'page-crashed' | 'page-killed' | 'out-of-memory' | 'timeout' | 'write-failed' | 'retried' | 'tried-twice';

/**
 * {file}: the path as given; {example}: a path pattern inside the folder; {size}: MB; {detail}:
 * the system's (or the browser's) own words; {signal}: the number of the signal that ended the
 * page's process; {seconds}: the time limit; {output}: the path being written; {cause}: the
 * message of the first try.
 */
export const CLI_MESSAGES: Record<TranslatedCode, Record<Lang, string>> & Record<UntranslatedCode, { en: string } & Partial<Record<Lang, string>>> = {
  'not-found': {
    en: 'File not found: {file}. Check the path.',
    zh_CN: '找不到文件：{file}。请检查路径。',
    zh_TW: '找不到檔案：{file}。請檢查路徑。',
    ja: 'ファイルが見つかりません：{file}。パスを確認してください。',
    ko: '파일을 찾을 수 없습니다: {file}. 경로를 확인하세요.',
    vi: 'Không tìm thấy tệp: {file}. Hãy kiểm tra lại đường dẫn.',
    id: 'Berkas tidak ditemukan: {file}. Periksa jalurnya.',
    th: 'ไม่พบไฟล์: {file} โปรดตรวจสอบเส้นทาง',
    tr: 'Dosya bulunamadı: {file}. Yolu kontrol edin.',
    ru: 'Файл не найден: {file}. Проверьте путь.',
    uk: 'Файл не знайдено: {file}. Перевірте шлях.',
    es: 'No se encuentra el archivo: {file}. Comprueba la ruta.',
    pt_BR: 'Arquivo não encontrado: {file}. Confira o caminho.',
    fr: 'Fichier introuvable : {file}. Vérifiez le chemin.',
    de: 'Datei nicht gefunden: {file}. Prüfen Sie den Pfad.',
    ar: 'الملف غير موجود: {file}. تحقّق من المسار.',
    hi: 'फ़ाइल नहीं मिली: {file}. पाथ जाँचें।',
  },
  'is-folder': {
    en: '{file} is a folder. Name the files inside it instead, e.g. {example}',
    zh_CN: '{file} 是文件夹。请改为指定其中的文件，例如 {example}',
    zh_TW: '{file} 是資料夾。請改為指定其中的檔案，例如 {example}',
    ja: '{file} はフォルダーです。中のファイルを指定してください（例：{example}）',
    ko: '{file}은(는) 폴더입니다. 대신 그 안의 파일을 지정하세요(예: {example})',
    vi: '{file} là một thư mục. Hãy chỉ định các tệp bên trong, ví dụ {example}',
    id: '{file} adalah folder. Sebutkan berkas di dalamnya, misalnya {example}',
    th: '{file} เป็นโฟลเดอร์ โปรดระบุไฟล์ที่อยู่ข้างใน เช่น {example}',
    tr: '{file} bir klasör. Bunun yerine içindeki dosyaları belirtin, ör. {example}',
    ru: '{file} — это папка. Укажите файлы в ней, например {example}',
    uk: '{file} — це тека. Укажіть файли в ній, наприклад {example}',
    es: '{file} es una carpeta. Indica los archivos que contiene, p. ej. {example}',
    pt_BR: '{file} é uma pasta. Indique os arquivos dentro dela, por exemplo {example}',
    fr: '{file} est un dossier. Indiquez plutôt les fichiers qu’il contient, par ex. {example}',
    de: '{file} ist ein Ordner. Geben Sie stattdessen die Dateien darin an, z. B. {example}',
    ar: '{file} مجلد. حدّد الملفات الموجودة داخله بدلًا منه، مثل {example}',
    hi: '{file} एक फ़ोल्डर है। इसके बजाय इसके अंदर की फ़ाइलें बताएँ, जैसे {example}',
  },
  io: {
    en: 'Cannot read {file}: {detail}. Check that the file is yours to read and not in use.',
    zh_CN: '无法读取 {file}：{detail}。请确认你有权读取该文件，且它未被占用。',
    zh_TW: '無法讀取 {file}：{detail}。請確認你有權讀取該檔案，且它未被占用。',
    ja: '{file} を読み込めません：{detail}。読み取り権限があり、使用中でないことを確認してください。',
    ko: '{file}을(를) 읽을 수 없습니다: {detail}. 읽기 권한이 있는지, 사용 중이 아닌지 확인하세요.',
    vi: 'Không đọc được {file}: {detail}. Hãy kiểm tra bạn có quyền đọc tệp và tệp không bị chiếm dụng.',
    id: 'Tidak dapat membaca {file}: {detail}. Pastikan Anda berhak membacanya dan berkas tidak sedang dipakai.',
    th: 'อ่าน {file} ไม่ได้: {detail} โปรดตรวจสอบว่าคุณมีสิทธิ์อ่านไฟล์และไฟล์ไม่ได้ถูกใช้งานอยู่',
    tr: '{file} okunamıyor: {detail}. Dosyayı okuma izniniz olduğunu ve kullanımda olmadığını kontrol edin.',
    ru: 'Не удаётся прочитать {file}: {detail}. Проверьте права на чтение и что файл не занят.',
    uk: 'Не вдається прочитати {file}: {detail}. Перевірте права на читання і що файл не зайнятий.',
    es: 'No se puede leer {file}: {detail}. Comprueba que tienes permiso para leerlo y que no está en uso.',
    pt_BR: 'Não foi possível ler {file}: {detail}. Confira se você tem permissão de leitura e se ele não está em uso.',
    fr: 'Impossible de lire {file} : {detail}. Vérifiez que vous avez le droit de le lire et qu’il n’est pas utilisé.',
    de: '{file} kann nicht gelesen werden: {detail}. Prüfen Sie, ob Sie Leserechte haben und die Datei nicht belegt ist.',
    ar: 'تعذّرت قراءة {file}: {detail}. تحقّق من أن لديك إذن قراءته وأنه غير مستخدم.',
    hi: '{file} पढ़ा नहीं जा सका: {detail}. जाँचें कि आपको इसे पढ़ने की अनुमति है और यह उपयोग में नहीं है।',
  },
  // The browser's own words ({detail}) stay English in every language (for a bug report).
  'browser-failed': {
    en: 'The browser could not finish {file} ({size} MB): {detail}. The other files are not affected.',
  },
  'browser-closed': {
    en: 'The browser closed while stamping {file} ({size} MB): {detail}. The other files are not affected.',
  },
  // Chromium's own verdict on the page's process (DevTools: Target.targetCrashed).
  'page-crashed': {
    en: 'The browser page stamping {file} ({size} MB) crashed (signal {signal}). The other files are not affected.',
  },
  'page-killed': {
    en: 'The browser page stamping {file} ({size} MB) was ended from outside, by another program or by the system (signal {signal}). The other files are not affected.',
  },
  'out-of-memory': {
    en: 'The browser ran out of memory stamping {file} ({size} MB). Close other programs or try a smaller file; the other files are not affected.',
  },
  timeout: {
    en: '{file} ({size} MB) was not finished after {seconds} s, so its browser page was closed. Try it alone or with a longer --timeout; the other files are not affected.',
  },
  'write-failed': {
    en: 'Could not write {output}: {detail}. Check that the folder is yours to write to and the disk is not full.',
  },
  retried: {
    en: 'Done on a second try, alone in a new page. The first try ended: {cause}',
  },
  'tried-twice': {
    en: 'Tried twice, the second time alone in a new page. The first try ended: {cause}',
  },
};

/** The message in `lang` (English where it has no translation yet), its {fields} filled in. */
export function cliMessage(code: CliErrorCode, params: Record<string, string>, lang: Lang): string {
  const texts: Partial<Record<Lang, string>> & { en: string } = CLI_MESSAGES[code];
  return (texts[lang] ?? texts.en).replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}
