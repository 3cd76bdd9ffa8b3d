// Pages that decline watermarked photos, in several languages and disguised spellings; and
// pages that only talk about watermarks.
import { describe, expect, it } from 'vitest';
import { declinesWatermarks } from '../../src/sites/watermark-decline.ts';

describe('declinesWatermarks', () => {
  it.each([
    'Photos must be clear, in colour, with no watermarks or edits.',
    'Upload your ID without watermark',
    'Upload your ID without a watermark.',
    'Please do not add a watermark to the photo',
    'Don’t watermark your ID',
    'Watermarked images will be rejected.',
    'Images must not be watermarked',
    '请上传清晰照片，不要添加水印',
    '请勿添加水印',
    '请勿水印',
    '照片请勿添加任何水印',
    '無浮水印',
    '請勿加上浮水印',
    '透かしなしの写真をアップロードしてください',
    '워터마크 없이 업로드하세요',
    'Sube la foto sin marca de agua',
    'Envie a foto sem marca d’água',
    'Photo sans filigrane',
    'Bitte ohne Wasserzeichen hochladen',
    'Фото без водяных знаков',
    'Фото без водяних знаків',
    'tanpa watermark',
    'Ảnh không có hình mờ',
    // Disguised: Cyrillic look-alikes, zero-width spaces, full-width letters.
    'nо wаtеrmаrks',
    'no water\u200bmarks',
    'ｎｏ ｗａｔｅｒｍａｒｋｓ',
  ])('"%s" declines', (text) => expect(declinesWatermarks(text)).toBe(true));

  it.each(['Add a watermark to protect yourself', 'Upload your passport', 'watermark', '水印', '添加水印', 'We add a watermark for you', 'Watermark: optional', 'Wasserzeichen hinzufügen'])(
    '"%s" does not',
    (text) => expect(declinesWatermarks(text)).toBe(false),
  );
});
