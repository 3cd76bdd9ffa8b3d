// Vietnamese. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const vi: CoreLocale = {
  purpose: { site: 'Chỉ dùng để xác minh danh tính tại {site}', none: 'Chỉ dùng để xác minh danh tính' },
  errors: {
    empty: 'Tệp trống (0 byte). Hãy chọn lại ảnh hoặc bản quét.',
    truncated: 'Tệp không đầy đủ (bị cắt cụt), có thể do tải xuống hoặc sao chép bị gián đoạn. Hãy chụp hoặc xuất lại ảnh.',
    corrupt: 'Tệp bị hỏng và không đọc được dưới dạng {kind}. Hãy mở thử trên thiết bị; nếu không hiển thị, hãy chụp, quét hoặc xuất lại.',
    'unsupported-type': 'Không hỗ trợ loại tệp này (phát hiện: {found}). Hãy dùng PDF hoặc ảnh JPEG, PNG, WebP, GIF, BMP.',
    'heic-unsupported': 'Chưa hỗ trợ ảnh HEIC/HEIF (mặc định của iPhone). Trên iPhone, vào Cài đặt › Camera › Định dạng và chọn Tương thích nhất, hoặc xuất ảnh sang JPEG.',
    'too-many-pixels': 'Ảnh quá lớn ({width}×{height} pixel, giới hạn {limit} megapixel). Hãy thu nhỏ ảnh hoặc chụp ảnh nhỏ hơn.',
    'too-large-file': 'Tệp quá lớn ({size} MB, giới hạn {limit} MB). Hãy dùng tệp nhỏ hơn.',
    'cannot-reach-size': 'Không thể giảm tệp xuống dưới {limit} mà vẫn đọc rõ (nhỏ nhất: {size}). Hãy nâng giới hạn dung lượng hoặc cắt bớt ảnh.',
    'decode-failed': 'Trình duyệt không mở được ảnh {kind} này. Ảnh có thể bị hỏng hoặc mã hóa lạ; hãy xuất lại dưới dạng JPEG hoặc PNG.',
    'encode-failed': 'Không lưu được ảnh đã đóng dấu dưới dạng {kind}. Hãy thử lại, hoặc chọn ảnh nhỏ hơn.',
    timeout: 'Xử lý quá lâu (hơn {seconds} giây) nên đã dừng. Hãy thử tệp nhỏ hơn.',
    'invalid-options': 'Cài đặt không hợp lệ: {detail}.',
    'pdf-password': 'PDF này được bảo vệ bằng mật khẩu. Hãy mở trong trình đọc PDF, lưu hoặc in một bản không có mật khẩu, rồi chọn bản đó.',
    'pdf-no-pages': 'PDF này không có trang nào. Hãy xuất lại tài liệu.',
    'pdf-too-many-pages': 'PDF này có {pages} trang; giới hạn là {limit}. Chỉ lưu những trang cần tải lên thành một PDF mới.',
    'pdf-page-too-large': 'Trang {page} của PDF này lớn bất thường ({width}×{height} cm). Hãy xuất lại tài liệu với khổ giấy thông thường.',
  },
  warnings: {
    'reencoded-to-fit': 'Để đạt giới hạn dung lượng, ảnh đã được mã hóa lại (chất lượng giảm nhẹ).',
    'converted-to-png': 'Ảnh GIF và BMP được lưu dưới dạng PNG.',
    converted: 'Tệp đã được chuyển sang loại được yêu cầu.',
    resized: 'Ảnh đã được thu nhỏ để đạt giới hạn dung lượng.',
    'first-page-only': 'Chỉ trang đầu tiên của PDF được chuyển thành ảnh.',
    'flattened-protected-pdf': 'PDF này bị khóa chỉnh sửa, nên các trang đã được chuyển thành ảnh (không còn chọn được chữ).',
    'watermark-removable': 'Chế độ giữ chữ: chữ vẫn tìm kiếm được, nhưng bất kỳ ai có trình sửa PDF cũng xóa được hình mờ này. Hãy dùng chế độ làm phẳng để có hình mờ không gỡ được.',
    'flattened-for-redaction': 'Để che các khung bạn đã vẽ, các trang đã được chuyển thành ảnh (không còn chọn được chữ).',
    'page-downscaled': 'Một trang rất lớn đã được hiển thị ở độ phân giải thấp hơn.',
  },
};

export default vi;
