// Vietnamese. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const vi: CoreLocale = {
  purpose: { site: 'Chỉ dùng để xác minh danh tính tại {site}', none: 'Chỉ dùng để xác minh danh tính' },
  errors: {
    empty: 'Tệp trống (0 byte). Hãy chọn lại ảnh hoặc bản quét.',
    truncated: 'Tệp không đầy đủ (bị cắt cụt), có thể do tải xuống hoặc sao chép bị gián đoạn. Hãy tải xuống, xuất hoặc quét lại.',
    corrupt: 'Tệp bị hỏng và không đọc được dưới dạng {kind}. Hãy mở thử trên thiết bị; nếu không hiển thị, hãy chụp, quét hoặc xuất lại.',
    'unsupported-type': 'Không hỗ trợ loại tệp này (phát hiện: {found}). Hãy dùng PDF hoặc ảnh JPEG, PNG, WebP, HEIC, AVIF, TIFF, GIF, BMP.',
    'too-many-pixels': 'Ảnh quá lớn ({width}×{height} pixel, giới hạn {limit} megapixel). Hãy thu nhỏ ảnh hoặc chụp ảnh nhỏ hơn.',
    'too-long-side': 'Ảnh quá dài ({width}×{height} pixel; mỗi cạnh tối đa {limit} pixel). Hãy cắt hoặc thu nhỏ ảnh.',
    'too-large-file': 'Tệp quá lớn ({size} MB, giới hạn {limit} MB). Hãy dùng tệp nhỏ hơn.',
    'cannot-reach-size': 'Không thể giảm tệp xuống dưới {limit} mà vẫn đọc rõ (nhỏ nhất: {size}). Hãy nâng giới hạn dung lượng hoặc cắt bớt ảnh.',
    'decode-failed': 'Trình duyệt không mở được ảnh {kind} này. Ảnh có thể bị hỏng hoặc mã hóa lạ; hãy xuất lại dưới dạng JPEG hoặc PNG.',
    'encode-failed': 'Không lưu được ảnh đã đóng dấu dưới dạng {kind}. Hãy thử lại, hoặc chọn ảnh nhỏ hơn.',
    timeout: 'Xử lý quá lâu (hơn {seconds} giây) nên đã dừng. Hãy thử tệp nhỏ hơn.',
    'invalid-options': 'Cài đặt không hợp lệ: {detail}.',
    'trace-failed': 'Không thể thêm mã truy vết vô hình (có thể ảnh quá nhỏ). Không có bản sao nào được tạo khi thiếu mã: hãy dùng ảnh lớn hơn hoặc tắt truy vết trong cài đặt.',
    'pdf-password': 'PDF này được bảo vệ bằng mật khẩu. Hãy nhập mật khẩu để mở (chỉ dùng cho tệp này và không bao giờ được lưu), hoặc lưu một bản không có mật khẩu.',
    'pdf-wrong-password': 'Mật khẩu của PDF này không đúng. Hãy kiểm tra rồi thử lại (với sao kê ngân hàng, mật khẩu thường là ngày sinh hoặc một phần số giấy tờ tùy thân).',
    'pdf-page-too-small': 'Trang {page} của PDF này quá nhỏ để hiển thị ({width}×{height} mm). Hãy xuất lại tài liệu với khổ giấy thông thường.',
    'pdf-image-too-large': 'PDF này chứa một ảnh quá lớn để mở an toàn ({width}×{height} pixel, giới hạn {limit} megapixel). Hãy xuất lại tài liệu ở độ phân giải thấp hơn.',
    'pdf-no-pages': 'PDF này không có trang nào. Hãy xuất lại tài liệu.',
    'pdf-too-many-pages': 'PDF này có {pages} trang; giới hạn là {limit}. Chỉ lưu những trang cần tải lên thành một PDF mới.',
    'pdf-page-too-large': 'Trang {page} của PDF này lớn bất thường ({width}×{height} cm). Hãy xuất lại tài liệu với khổ giấy thông thường.',
  },
  warnings: {
    'reencoded-to-fit': 'Để đạt giới hạn dung lượng, ảnh đã được mã hóa lại (chất lượng giảm nhẹ).',
    'converted-to-png': 'Ảnh GIF và BMP được lưu dưới dạng PNG.',
    'converted-format': 'Ảnh HEIC, AVIF và TIFF được lưu thành JPEG chất lượng cao (bản quét đen trắng thành PNG), định dạng mà các ô tải lên chấp nhận.',
    converted: 'Tệp đã được chuyển sang loại được yêu cầu.',
    resized: 'Ảnh đã được thu nhỏ để đạt giới hạn dung lượng.',
    'first-page-only': 'Chỉ trang đầu tiên được chuyển thành ảnh.',
    'flattened-protected-pdf': 'PDF này bị khóa chỉnh sửa, nên các trang đã được chuyển thành ảnh (không còn chọn được chữ).',
    'watermark-removable': 'Chế độ giữ chữ: chữ vẫn tìm kiếm được, nhưng bất kỳ ai có trình sửa PDF cũng xóa được hình mờ này. Hãy dùng chế độ làm phẳng để có hình mờ không gỡ được.',
    'flattened-for-redaction': 'Để che các khung bạn đã vẽ, các trang đã được chuyển thành ảnh (không còn chọn được chữ).',
    'damaged-part-skipped': 'Đã bỏ một phần bị hỏng của tệp mà trình duyệt vốn bỏ qua; ảnh giống như trình duyệt của bạn hiển thị.',
    'page-downscaled': 'Một trang rất lớn đã được hiển thị ở độ phân giải thấp hơn.',
    'end-marker-missing': 'Tệp thiếu dấu kết thúc (có thể do sao chép bị gián đoạn); đã bổ sung, ảnh giống như trình duyệt của bạn hiển thị.',
  },
};

export default vi;
