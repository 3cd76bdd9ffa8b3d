// Traditional Chinese (Taiwan). Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const zh_TW: CoreLocale = {
  purpose: { site: '僅供{site}身分驗證使用', none: '僅供身分驗證使用' },
  errors: {
    empty: '檔案是空的（0 位元組）。請重新選擇照片或掃描檔。',
    truncated: '檔案不完整（提前結束），可能是下載或複製中斷。請重新下載、匯出或掃描。',
    corrupt: '檔案已損壞，無法以 {kind} 讀取。請先在裝置上開啟確認；若無法顯示，請重新拍攝、掃描或匯出。',
    'unsupported-type': '不支援此檔案類型（偵測到：{found}）。請使用 PDF，或 JPEG、PNG、WebP、HEIC、AVIF、TIFF、GIF、BMP 圖片。',
    'too-many-pixels': '圖片尺寸過大（{width}×{height} 像素，上限 {limit} 百萬像素）。請縮小圖片或改拍較小的照片。',
    'too-long-side': '圖片邊長過長（{width}×{height} 像素；每邊最多 {limit} 像素）。請裁切或縮小圖片。',
    'too-large-file': '檔案過大（{size} MB，上限 {limit} MB）。請使用較小的檔案。',
    'cannot-reach-size': '無法在維持清晰的前提下將檔案壓縮到 {limit} 以內（最小 {size}）。請提高大小上限或裁切圖片。',
    'decode-failed': '瀏覽器無法開啟這張 {kind} 圖片，可能已損壞或編碼特殊。請重新匯出為 JPEG 或 PNG。',
    'encode-failed': '無法將加上浮水印的圖片儲存為 {kind}。請再試一次，或選擇較小的圖片。',
    timeout: '處理時間過長（超過 {seconds} 秒），已停止。請改用較小的檔案。',
    'invalid-options': '設定無效：{detail}。',
    'trace-failed': '無法加入隱形追蹤碼（圖片可能太小）。未產生不含追蹤碼的副本：請使用較大的圖片，或在設定中關閉追蹤。',
    'pdf-password': '此 PDF 設有開啟密碼。請輸入密碼以開啟（僅用於此檔案，不會儲存），或另存一份沒有密碼的副本。',
    'pdf-wrong-password': '此 PDF 的密碼不正確。請核對後再試（銀行對帳單的密碼常是出生日期或證件號碼的一部分）。',
    'pdf-page-too-small': '此 PDF 第 {page} 頁太小，無法顯示（{width}×{height} 公釐）。請以一般紙張尺寸重新匯出。',
    'pdf-image-too-large': '此 PDF 含有一張過大的圖片（{width}×{height} 像素，上限 {limit} 百萬像素），無法安全開啟。請以較低解析度重新匯出文件。',
    'pdf-no-pages': '此 PDF 沒有任何頁面。請重新匯出文件。',
    'pdf-too-many-pages': '此 PDF 有 {pages} 頁，上限為 {limit} 頁。請只將需要上傳的頁面另存為新的 PDF。',
    'pdf-page-too-large': '此 PDF 第 {page} 頁的尺寸異常（{width}×{height} 公分）。請以一般紙張尺寸重新匯出。',
  },
  warnings: {
    'reencoded-to-fit': '為符合大小限制，圖片已重新編碼（畫質略為降低）。',
    'converted-to-png': 'GIF 和 BMP 圖片會儲存為 PNG。',
    'converted-format': 'HEIC、AVIF 和 TIFF 圖片會以高畫質儲存為 JPEG（黑白掃描檔則儲存為 PNG），方便上傳。',
    converted: '檔案已轉換為所需的類型。',
    resized: '為符合大小限制，圖片已縮小。',
    'first-page-only': '只有第一頁轉成了圖片。',
    'flattened-protected-pdf': '此 PDF 禁止修改，因此頁面已轉為圖片（文字無法再選取）。',
    'watermark-removable': '保留文字模式：文字仍可搜尋，但任何人都能用 PDF 編輯器刪除這個浮水印。若需要無法移除的浮水印，請使用平面化模式。',
    'flattened-for-redaction': '為了遮蓋您畫的方框，頁面已轉為圖片（文字無法再選取）。',
    'damaged-part-skipped': '檔案中有瀏覽器會略過的損壞部分，已將其省略；圖片與瀏覽器中顯示的一致。',
    'page-downscaled': '有一個超大頁面以較低解析度呈現。',
    'end-marker-missing': '檔案缺少結尾標記（可能是複製時被中斷）；已補上，圖片與瀏覽器中顯示的一致。',
  },
};

export default zh_TW;
