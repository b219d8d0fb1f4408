// Words of the cooperative's OCOP product pages (list and form), Vietnamese first.
import type { Lang } from '@zonetrace/contracts'

export type ProductField =
  | 'name'
  | 'nameEn'
  | 'group'
  | 'stars'
  | 'gtin'
  | 'certificateNo'
  | 'certifiedOn'
  | 'certificateExpiresOn'

const vi = {
  title: 'Sản phẩm OCOP',
  lead: 'Các sản phẩm của hợp tác xã với mã GTIN in trên tem và chứng nhận OCOP.',
  register: 'Đăng ký sản phẩm mới',
  none: 'Hợp tác xã chưa đăng ký sản phẩm nào.',
  edit: (name: string) => `Sửa ${name}`,
  newTitle: 'Đăng ký sản phẩm',
  editTitle: (name: string) => `Sửa sản phẩm ${name}`,
  saved: (name: string) => `Đã lưu sản phẩm ${name}.`,
  backToList: 'Về danh sách sản phẩm',
  notFound: 'Không tìm thấy sản phẩm',
  save: 'Lưu sản phẩm',
  stars: (n: number) => `${n} sao`,
  notOcop: 'dưới 3 sao: chưa phải sản phẩm OCOP',
  certificate: 'Chứng nhận OCOP',
  noCertificate: 'Chưa có số chứng nhận',
  until: (d: string) => `hết hạn ${d}`,
  expired: (d: string) => `Đã hết hạn ${d}`,
  expiresSoon: (days: number) => `Còn ${days} ngày là hết hạn`,
  col: { gtin: 'GTIN', group: 'Nhóm', stars: 'Hạng' },
  label: {
    name: 'Tên sản phẩm (tiếng Việt)',
    nameEn: 'Tên tiếng Anh',
    group: 'Nhóm sản phẩm OCOP',
    stars: 'Hạng sao OCOP',
    gtin: 'Mã GTIN (số dưới mã vạch)',
    certificateNo: 'Số giấy chứng nhận OCOP',
    certifiedOn: 'Ngày cấp',
    certificateExpiresOn: 'Ngày hết hạn',
  } as Record<ProductField, string>,
  hint: {
    nameEn: 'Không bắt buộc; hiện cho người mua nước ngoài khi quét tem.',
    gtin: '8, 12, 13 hoặc 14 chữ số; chữ số cuối là số kiểm tra.',
    certificateExpiresOn: 'Để trống: 36 tháng sau ngày cấp (Quyết định 148/QĐ-TTg).',
  } as Partial<Record<ProductField, string>>,
  choose: 'Chọn…',
  problems: 'Chưa lưu được: hãy sửa những chỗ được đánh dấu.',
  err: {
    required: 'Hãy điền mục này.',
    tooLong: (n: number) => `Tối đa ${n} ký tự.`,
    group: 'Hãy chọn một nhóm trong danh sách.',
    stars: 'Hãy chọn từ 1 đến 5 sao.',
    date: 'Ngày không hợp lệ.',
    order: 'Ngày hết hạn phải sau ngày cấp.',
    gtinTaken: 'Mã GTIN này đã thuộc một sản phẩm khác.',
    other: (why: string) => `Hệ thống từ chối: ${why}`,
  },
}

type ProductsText = typeof vi

const en: ProductsText = {
  title: 'OCOP products',
  lead: "The cooperative's products with the GTIN printed on their labels and their OCOP certificate.",
  register: 'Register a new product',
  none: 'The cooperative has not registered any product yet.',
  edit: (name) => `Edit ${name}`,
  newTitle: 'Register a product',
  editTitle: (name) => `Edit product ${name}`,
  saved: (name) => `Product ${name} saved.`,
  backToList: 'Back to the products',
  notFound: 'Product not found',
  save: 'Save the product',
  stars: (n) => `${n} stars`,
  notOcop: 'under 3 stars: not an OCOP product yet',
  certificate: 'OCOP certificate',
  noCertificate: 'No certificate number',
  until: (d) => `expires ${d}`,
  expired: (d) => `Expired ${d}`,
  expiresSoon: (days) => `Expires in ${days} days`,
  col: { gtin: 'GTIN', group: 'Group', stars: 'Rating' },
  label: {
    name: 'Product name (Vietnamese)',
    nameEn: 'English name',
    group: 'OCOP product group',
    stars: 'OCOP stars',
    gtin: 'GTIN (the number under the barcode)',
    certificateNo: 'OCOP certificate number',
    certifiedOn: 'Issued on',
    certificateExpiresOn: 'Expires on',
  },
  hint: {
    nameEn: 'Optional; shown to foreign buyers who scan the label.',
    gtin: '8, 12, 13 or 14 digits; the last is a check digit.',
    certificateExpiresOn: 'Empty: 36 months after the issue date (Decision 148/QĐ-TTg).',
  },
  choose: 'Choose…',
  problems: 'Not saved yet: please correct the marked fields.',
  err: {
    required: 'Please fill this in.',
    tooLong: (n) => `At most ${n} characters.`,
    group: 'Please choose a group from the list.',
    stars: 'Please choose 1 to 5 stars.',
    date: 'The date is not valid.',
    order: 'It must expire after it was issued.',
    gtinTaken: 'This GTIN already belongs to another product.',
    other: (why) => `Refused: ${why}`,
  },
}

export function productsText(lang: Lang): ProductsText {
  return lang === 'vi' ? vi : en
}
