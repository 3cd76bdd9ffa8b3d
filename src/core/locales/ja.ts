// Japanese. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const ja: CoreLocale = {
  purpose: { site: '{site}の本人確認専用', none: '本人確認専用' },
  errors: {
    empty: 'ファイルが空です（0 バイト）。写真やスキャンを選び直してください。',
    truncated: 'ファイルが不完全です（途中で終わっています）。ダウンロードやコピーが中断されたようです。もう一度ダウンロード、書き出し、またはスキャンしてください。',
    corrupt: 'ファイルが壊れていて、{kind} として読み込めません。端末で開けるか確かめ、表示されない場合は撮り直すか、スキャンや書き出しをやり直してください。',
    'unsupported-type': 'このファイル形式には対応していません（検出: {found}）。PDF か、JPEG・PNG・WebP・HEIC・AVIF・TIFF・GIF・BMP の画像を使ってください。',
    'too-many-pixels': '画像が大きすぎます（{width}×{height} ピクセル、上限 {limit} メガピクセル）。縮小するか、小さめのサイズで撮影してください。',
    'too-long-side': '画像の辺が長すぎます（{width}×{height} ピクセル。1 辺は最大 {limit} ピクセル）。トリミングするか縮小してください。',
    'too-large-file': 'ファイルが大きすぎます（{size} MB、上限 {limit} MB）。小さいファイルを使ってください。',
    'cannot-reach-size': '読みやすさを保ったまま {limit} 未満にはできませんでした（最小 {size}）。サイズの上限を上げるか、画像を切り抜いてください。',
    'decode-failed': 'ブラウザーがこの {kind} 画像を開けませんでした。壊れているか特殊な形式の可能性があります。JPEG か PNG で書き出し直してください。',
    'encode-failed': '透かしを入れた画像を {kind} として保存できませんでした。もう一度試すか、小さい画像を選んでください。',
    timeout: '処理に時間がかかりすぎたため（{seconds} 秒超）中止しました。小さいファイルで試してください。',
    'invalid-options': '設定が正しくありません: {detail}。',
    'trace-failed': '見えない追跡コードを埋め込めませんでした（画像が小さすぎる可能性があります）。コードのないコピーは作成していません。大きめの画像を使うか、設定で追跡をオフにしてください。',
    'pdf-password': 'この PDF はパスワードで保護されています。パスワードを入力して開くか（このファイルにだけ使い、保存はしません）、パスワードなしのコピーを保存してください。',
    'pdf-wrong-password': 'この PDF のパスワードが正しくありません。確認してもう一度入力してください（銀行の取引明細書では、生年月日や身分証番号の一部であることがよくあります）。',
    'pdf-page-too-small': 'この PDF の {page} ページ目は小さすぎて表示できません（{width}×{height} mm）。通常の用紙サイズで書き出し直してください。',
    'pdf-image-too-large': 'この PDF には、安全に開けないほど大きな画像が含まれています（{width}×{height} ピクセル、上限 {limit} メガピクセル）。解像度を下げて書き出し直してください。',
    'pdf-no-pages': 'この PDF にはページがありません。文書を書き出し直してください。',
    'pdf-too-many-pages': 'この PDF は {pages} ページあり、上限は {limit} ページです。アップロードに必要なページだけを新しい PDF に保存してください。',
    'pdf-page-too-large': 'この PDF の {page} ページ目は異常に大きいサイズです（{width}×{height} cm）。通常の用紙サイズで書き出し直してください。',
  },
  warnings: {
    'reencoded-to-fit': 'サイズの上限に収めるため、画像を再圧縮しました（画質がわずかに下がります）。',
    'converted-to-png': 'GIF と BMP の画像は PNG で保存します。',
    'converted-format': 'HEIC・AVIF・TIFF の画像は、アップロード欄で受け付けられる JPEG として高画質で保存します（白黒のスキャンは PNG）。',
    converted: 'ファイルを指定の形式に変換しました。',
    resized: 'サイズの上限に収めるため、画像を縮小しました。',
    'first-page-only': '1 ページ目だけを画像にしました。',
    'flattened-protected-pdf': 'この PDF は変更が禁止されているため、ページを画像にしました（テキストは選択できなくなります）。',
    'watermark-removable': 'テキストを残すモード: テキストは検索できますが、PDF 編集ソフトがあれば誰でもこの透かしを消せます。消せない透かしには画像化モードを使ってください。',
    'flattened-for-redaction': '描いた枠を黒塗りするため、ページを画像にしました（テキストは選択できなくなります）。',
    'damaged-part-skipped': 'ファイル内の壊れた部分（ブラウザーでは読み飛ばされる部分）を除きました。画像はブラウザーでの表示どおりです。',
    'page-downscaled': '非常に大きいページを低めの解像度で描画しました。',
    'end-marker-missing': 'ファイルの終端マーカーがありませんでした（コピーの中断などが原因）。補ったので、画像はブラウザーでの表示どおりです。',
  },
};

export default ja;
