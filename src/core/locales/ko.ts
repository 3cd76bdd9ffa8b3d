// Korean. Terms: docs/glossary.md.
import type { CoreLocale } from './types.ts';

const ko: CoreLocale = {
  purpose: { site: '{site} 본인 인증 전용', none: '본인 인증 전용' },
  errors: {
    empty: '파일이 비어 있습니다(0바이트). 사진이나 스캔 파일을 다시 선택하세요.',
    truncated: '파일이 불완전합니다(중간에 끝남). 다운로드나 복사가 중단된 것 같습니다. 다시 다운로드하거나 내보내거나 스캔하세요.',
    corrupt: '파일이 손상되어 {kind}(으)로 읽을 수 없습니다. 기기에서 열어 보고, 보이지 않으면 다시 찍거나 스캔하거나 내보내세요.',
    'unsupported-type': '지원하지 않는 파일 형식입니다(감지됨: {found}). PDF나 JPEG, PNG, WebP, HEIC, AVIF, TIFF, GIF, BMP 이미지를 사용하세요.',
    'too-many-pixels': '이미지가 너무 큽니다({width}×{height}픽셀, 한도 {limit}메가픽셀). 크기를 줄이거나 더 작게 찍으세요.',
    'too-long-side': '이미지의 변이 너무 깁니다({width}×{height}픽셀, 한 변은 최대 {limit}픽셀). 자르거나 크기를 줄이세요.',
    'too-large-file': '파일이 너무 큽니다({size}MB, 한도 {limit}MB). 더 작은 파일을 사용하세요.',
    'cannot-reach-size': '읽을 수 있는 품질을 유지하면서 {limit} 미만으로 줄이지 못했습니다(최소 {size}). 크기 한도를 늘리거나 이미지를 자르세요.',
    'decode-failed': '브라우저가 이 {kind} 이미지를 열지 못했습니다. 손상되었거나 특이한 방식으로 인코딩된 것 같습니다. JPEG나 PNG로 다시 내보내세요.',
    'encode-failed': '워터마크를 넣은 이미지를 {kind}(으)로 저장하지 못했습니다. 다시 시도하거나 더 작은 이미지를 고르세요.',
    timeout: '처리 시간이 너무 길어({seconds}초 초과) 중단했습니다. 더 작은 파일로 시도하세요.',
    'invalid-options': '설정이 올바르지 않습니다: {detail}.',
    'trace-failed': '보이지 않는 추적 코드를 넣지 못했습니다(이미지가 너무 작을 수 있습니다). 코드 없는 사본은 만들지 않았습니다. 더 큰 이미지를 사용하거나 설정에서 추적을 끄세요.',
    'pdf-password': '이 PDF는 비밀번호로 보호되어 있습니다. 비밀번호를 입력해 여세요(이 파일에만 쓰이고 저장되지 않습니다). 또는 비밀번호 없는 사본을 저장하세요.',
    'pdf-wrong-password': '이 PDF의 비밀번호가 올바르지 않습니다. 확인 후 다시 시도하세요(은행 거래내역서는 생년월일이나 신분증 번호의 일부인 경우가 많습니다).',
    'pdf-page-too-small': '이 PDF의 {page}페이지가 너무 작아 표시할 수 없습니다({width}×{height}mm). 일반 용지 크기로 다시 내보내세요.',
    'pdf-image-too-large': '이 PDF에 안전하게 열기에는 너무 큰 이미지가 있습니다({width}×{height}픽셀, 한도 {limit}메가픽셀). 더 낮은 해상도로 다시 내보내세요.',
    'pdf-no-pages': '이 PDF에는 페이지가 없습니다. 문서를 다시 내보내세요.',
    'pdf-too-many-pages': '이 PDF는 {pages}페이지이며 한도는 {limit}페이지입니다. 업로드할 페이지만 새 PDF로 저장하세요.',
    'pdf-page-too-large': '이 PDF의 {page}페이지가 비정상적으로 큽니다({width}×{height}cm). 일반 용지 크기로 다시 내보내세요.',
  },
  warnings: {
    'reencoded-to-fit': '크기 한도를 맞추려고 이미지를 다시 인코딩했습니다(화질이 약간 낮아짐).',
    'converted-to-png': 'GIF와 BMP 이미지는 PNG로 저장됩니다.',
    'converted-format': 'HEIC, AVIF, TIFF 이미지는 업로드 칸에서 받는 JPEG로 고화질 저장됩니다(흑백 스캔은 PNG).',
    converted: '파일을 요청한 형식으로 변환했습니다.',
    resized: '크기 한도를 맞추려고 이미지를 줄였습니다.',
    'first-page-only': '첫 페이지만 이미지로 만들었습니다.',
    'flattened-protected-pdf': '이 PDF는 수정이 금지되어 있어 페이지를 이미지로 바꿨습니다(텍스트를 더 이상 선택할 수 없음).',
    'watermark-removable': '텍스트 유지 모드: 텍스트는 검색할 수 있지만 PDF 편집기만 있으면 누구나 이 워터마크를 지울 수 있습니다. 지울 수 없는 워터마크가 필요하면 평면화 모드를 사용하세요.',
    'flattened-for-redaction': '그린 상자를 가리기 위해 페이지를 이미지로 바꿨습니다(텍스트를 더 이상 선택할 수 없음).',
    'damaged-part-skipped': '브라우저가 건너뛰는 파일의 손상된 부분을 뺐습니다. 이미지는 브라우저에 보이는 그대로입니다.',
    'page-downscaled': '아주 큰 페이지 하나를 낮은 해상도로 렌더링했습니다.',
    'end-marker-missing': '파일 끝 표시가 없었습니다(복사가 중간에 끊긴 경우 등). 이를 보충했으며, 이미지는 브라우저에 보이는 그대로입니다.',
  },
};

export default ko;
