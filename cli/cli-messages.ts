// The command-line tool's own messages (a path that is missing, a folder, an unreadable file, a
// browser page that died), in every language of --lang. Errors of the stamping itself come from
// the core (src/core/errors.ts); these happen before or around it, on the command line only.
import type { Lang } from '../src/core/lang.ts';

export type CliErrorCode = 'not-found' | 'is-folder' | 'io' | 'browser-failed';

/** {file}: the path as given; {example}: a path pattern inside the folder; {size}: MB; {detail}: the system's words. */
export const CLI_MESSAGES: Record<CliErrorCode, Record<Lang, string>> = {
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
  'browser-failed': {
    en: 'The browser could not finish {file} ({size} MB): it ran out of memory or stopped answering. Try a smaller file; the other files are not affected.',
    zh_CN: '浏览器无法处理 {file}（{size} MB）：内存不足或无响应。请尝试较小的文件；其他文件不受影响。',
    zh_TW: '瀏覽器無法處理 {file}（{size} MB）：記憶體不足或沒有回應。請改用較小的檔案；其他檔案不受影響。',
    ja: 'ブラウザーが {file}（{size} MB）を処理しきれませんでした：メモリ不足か応答なしです。小さいファイルで試してください。他のファイルには影響ありません。',
    ko: '브라우저가 {file}({size} MB) 처리를 마치지 못했습니다: 메모리가 부족하거나 응답이 없습니다. 더 작은 파일로 시도하세요. 다른 파일에는 영향이 없습니다.',
    vi: 'Trình duyệt không xử lý xong {file} ({size} MB): hết bộ nhớ hoặc không phản hồi. Hãy thử tệp nhỏ hơn; các tệp khác không bị ảnh hưởng.',
    id: 'Peramban tidak dapat menyelesaikan {file} ({size} MB): memorinya habis atau tidak merespons. Coba berkas yang lebih kecil; berkas lain tidak terpengaruh.',
    th: 'เบราว์เซอร์ประมวลผล {file} ({size} MB) ไม่เสร็จ: หน่วยความจำไม่พอหรือไม่ตอบสนอง โปรดลองไฟล์ที่เล็กกว่า ไฟล์อื่นไม่ได้รับผลกระทบ',
    tr: 'Tarayıcı {file} ({size} MB) dosyasını bitiremedi: belleği tükendi veya yanıt vermeyi bıraktı. Daha küçük bir dosya deneyin; diğer dosyalar etkilenmez.',
    ru: 'Браузер не смог обработать {file} ({size} МБ): не хватило памяти или он перестал отвечать. Попробуйте файл поменьше; остальные файлы не затронуты.',
    uk: 'Браузер не зміг обробити {file} ({size} МБ): забракло пам’яті або він перестав відповідати. Спробуйте менший файл; інші файли не зачеплено.',
    es: 'El navegador no pudo terminar {file} ({size} MB): se quedó sin memoria o dejó de responder. Prueba con un archivo más pequeño; los demás archivos no se ven afectados.',
    pt_BR: 'O navegador não conseguiu concluir {file} ({size} MB): ficou sem memória ou parou de responder. Tente um arquivo menor; os outros arquivos não foram afetados.',
    fr: 'Le navigateur n’a pas pu traiter {file} ({size} Mo) : mémoire épuisée ou plus de réponse. Essayez un fichier plus petit ; les autres fichiers ne sont pas touchés.',
    de: 'Der Browser konnte {file} ({size} MB) nicht fertig verarbeiten: Speicher voll oder keine Antwort mehr. Versuchen Sie eine kleinere Datei; die anderen Dateien sind nicht betroffen.',
    ar: 'لم يتمكّن المتصفح من إنهاء {file} ({size} ميغابايت): نفدت الذاكرة أو توقّف عن الاستجابة. جرّب ملفًا أصغر؛ الملفات الأخرى لم تتأثر.',
    hi: 'ब्राउज़र {file} ({size} MB) पूरा नहीं कर सका: मेमोरी खत्म हो गई या उसने जवाब देना बंद कर दिया। छोटी फ़ाइल आज़माएँ; बाकी फ़ाइलों पर कोई असर नहीं पड़ा।',
  },
};

/** The message in `lang`, its {fields} filled in. */
export function cliMessage(code: CliErrorCode, params: Record<string, string>, lang: Lang): string {
  return CLI_MESSAGES[code][lang].replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}
