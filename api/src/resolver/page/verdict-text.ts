// What the consumer page's verdict says, Vietnamese first: its title, what it means, and what the shopper
// should do now. Plain text; the page escapes it.
import type { LabelVerdictReason } from '@zonetrace/contracts'
import type { Pair } from './i18n.ts'

export type Verdict = LabelVerdictReason | 'suspected_copy'

export const VERDICT_TITLE: Pair<Record<Verdict, string>> = {
  vi: {
    authentic: 'Sản phẩm chính hãng',
    suspected_copy: 'Tem có thể đã bị sao chép',
    unsigned: 'Chữ ký không hợp lệ',
    bad_signature: 'Chữ ký không hợp lệ',
    unknown_key: 'Khóa ký không xác định hoặc đã bị thu hồi',
    recalled: 'Lô hàng đã bị thu hồi',
    ocop_expired: 'Chứng nhận OCOP đã hết hạn',
  },
  en: {
    authentic: 'Genuine product',
    suspected_copy: 'This label may have been copied',
    unsigned: 'Signature invalid',
    bad_signature: 'Signature invalid',
    unknown_key: 'Unknown or revoked signing key',
    recalled: 'This lot has been recalled',
    ocop_expired: 'OCOP certificate expired',
  },
}

export const VERDICT_DETAIL: Pair<Record<Exclude<LabelVerdictReason, 'recalled' | 'ocop_expired'>, string>> =
  {
    vi: {
      authentic: 'Tem mang chữ ký hợp lệ của đơn vị sản xuất đã đăng ký.',
      unsigned: 'Tem này không có chữ ký. Có thể là hàng giả.',
      bad_signature: 'Chữ ký trên tem không khớp với mã. Có thể là hàng giả.',
      unknown_key: 'Tem được ký bằng khóa không còn được công nhận. Có thể là hàng giả.',
    },
    en: {
      authentic: 'The label carries a valid signature of the registered producer.',
      unsigned: 'This label has no signature. It may be counterfeit.',
      bad_signature: 'The signature on this label does not match its code. It may be counterfeit.',
      unknown_key: 'The label was signed with a key that is no longer recognised. It may be counterfeit.',
    },
  }

/** What the shopper should do now, for each verdict; `by` is the producer's name. */
export const ADVICE: Pair<Record<Verdict, (by: string) => string>> = {
  vi: {
    authentic: () => 'Bạn có thể yên tâm sử dụng. Hãy kiểm tra bao bì còn nguyên vẹn và còn hạn dùng.',
    suspected_copy: (by) =>
      `Chữ ký trên tem là thật, nhưng tem có thể đã bị in lại lên hàng khác. Hãy kiểm tra kỹ bao bì, mua ở cửa hàng uy tín, và hỏi người bán hoặc ${by} để xác nhận.`,
    ocop_expired: (by) =>
      `Sản phẩm là hàng thật, nhưng số sao OCOP in trên bao bì không còn hiệu lực. Hỏi ${by} về chứng nhận mới.`,
    recalled: (by) =>
      `Không sử dụng sản phẩm này. Mang trả lại nơi mua, hoặc liên hệ ${by} để được hoàn tiền hay đổi hàng.`,
    unsigned: () =>
      'Không mua và không sử dụng. Giữ lại sản phẩm và hóa đơn, báo cho người bán và Đội Quản lý thị trường tại địa phương.',
    bad_signature: () =>
      'Không mua và không sử dụng. Giữ lại sản phẩm và hóa đơn, báo cho người bán và Đội Quản lý thị trường tại địa phương.',
    unknown_key: (by) =>
      `Không mua và không sử dụng cho tới khi ${by} xác nhận. Giữ lại sản phẩm và hóa đơn, báo cho người bán.`,
  },
  en: {
    authentic: () => 'You can use it with confidence. Check that the packaging is intact and in date.',
    suspected_copy: (by) =>
      `The signature on the label is genuine, but the label may have been reprinted on other goods. Check the packaging closely, buy from a shop you trust, and ask the seller or ${by} to confirm.`,
    ocop_expired: (by) =>
      `The product is genuine, but the OCOP stars on its packaging are no longer valid. Ask ${by} about a renewed certificate.`,
    recalled: (by) =>
      `Do not use this product. Take it back to where you bought it, or contact ${by} for a refund or exchange.`,
    unsigned: () =>
      'Do not buy or use it. Keep the product and the receipt, and tell the seller and the local market surveillance office.',
    bad_signature: () =>
      'Do not buy or use it. Keep the product and the receipt, and tell the seller and the local market surveillance office.',
    unknown_key: (by) =>
      `Do not buy or use it until ${by} confirms it. Keep the product and the receipt, and tell the seller.`,
  },
}
