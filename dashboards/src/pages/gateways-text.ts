// What the gateways page says, Vietnamese first, English beside it (same shape, so a missing word does not
// compile). Kept apart from i18n.ts so each console page owns its own words.
import type { Lang } from '@zonetrace/contracts'

const VI = {
  title: 'Gateway',
  lead: 'Các gateway ngoài đồng, trạng thái kết nối và lần liên lạc cuối. Cấp gateway mới ở cuối trang.',
  gateway: 'Gateway',
  area: 'Vùng trồng',
  state: 'Trạng thái',
  online: 'Trực tuyến',
  offline: 'Ngoại tuyến',
  lastContact: 'Liên lạc cuối',
  never: 'Chưa bao giờ',
  sensors: 'Cảm biến',
  noSensors: 'Chưa có cảm biến',
  spool: 'Hàng đợi',
  spoolEntries: (n: number) => `${n} mục chờ gửi`,
  noGateways: 'Chưa có gateway nào. Hãy cấp gateway đầu tiên bằng biểu mẫu dưới đây.',
  count: (n: number) => `${n} gateway`,
  justNow: 'vừa xong',
  ago: (amount: number, unit: 'minute' | 'hour' | 'day') =>
    `${amount} ${{ minute: 'phút', hour: 'giờ', day: 'ngày' }[unit]} trước`,
  provisionTitle: 'Cấp gateway mới',
  idLabel: 'Mã gateway',
  idHint:
    'Chữ, số, ".", "_" hoặc "-", tối đa 64 ký tự, bắt đầu bằng chữ hoặc số. Đây cũng là tên đăng nhập MQTT.',
  areaLabel: 'Vùng trồng',
  chooseArea: 'Chọn vùng trồng',
  positionLabel: 'Vị trí (không bắt buộc)',
  positionHint:
    '"vĩ độ,kinh độ" như bản đồ trên điện thoại sao chép, ví dụ 9.93,106.07. Được công bố trên bản đồ trạm đo của dữ liệu mở.',
  position: (latLon: string) => `Vị trí: ${latLon}`,
  metricsLabel: 'Chỉ tiêu đo của đầu đo',
  metricsHint: (probe: string) => `Một đầu đo tên ${probe} đo các chỉ tiêu đã chọn.`,
  provision: 'Cấp gateway',
  problem: 'Không cấp được gateway',
  needId: 'Vui lòng nhập mã gateway.',
  needArea: 'Vui lòng chọn vùng trồng.',
  provisioned: (id: string) => `Đã cấp gateway ${id}.`,
  secretOnce:
    'Mật khẩu (secret) của gateway chỉ hiện MỘT LẦN, ngay bây giờ. Hãy sao chép cấu hình dưới đây vào gateway; nền tảng chỉ giữ bản băm, không thể xem lại. Nếu mất, phải cấp mật khẩu mới.',
  secretLabel: 'Mật khẩu gateway',
  configTitle: 'Cấu hình edge agent',
  configHint: (path: string) =>
    `Lưu thành ${path} trên gateway (quyền 0600), rồi chạy: zonetrace edge-agent --config ${path}. Có thể chuyển mật khẩu sang tệp riêng bằng "secretFile".`,
  nodesTitle: 'Đầu đo trong mạng LAN',
  nodesHint:
    'Các đầu đo gửi gói SenML tới cổng MQTT nội bộ của agent (mặc định 127.0.0.1:1884); mỗi bản ghi mang tên "{mã cảm biến}:{chỉ tiêu}". Các tên gateway này được gửi:',
  backToList: 'Về danh sách gateway',
  actions: 'Thao tác',
  // Rotating a secret (gateway-rotation.ts): confirm first, then the new secret once.
  rotate: 'Đổi mật khẩu',
  rotateTitle: (id: string) => `Đổi mật khẩu gateway ${id}`,
  rotateWarning:
    'Mật khẩu cũ sẽ ngừng hoạt động: từ lần kết nối tiếp theo (chậm nhất khoảng một phút sau), broker sẽ từ chối gateway này cho tới khi nó được cấu hình lại bằng mật khẩu mới.',
  rotateSteps:
    'Chỉ đổi khi mật khẩu bị lộ hoặc bị mất. Mật khẩu mới chỉ hiện một lần, ngay sau khi đổi; hãy sẵn sàng cập nhật cấu hình edge agent trên gateway.',
  rotateConfirm: 'Đổi mật khẩu ngay',
  cancel: 'Không đổi, quay lại',
  rotated: (id: string) => `Đã đổi mật khẩu gateway ${id}. Mật khẩu cũ không còn dùng được.`,
  unknownGateway: (id: string) => `Không có gateway nào mã "${id}".`,
}

type GatewaysText = typeof VI

const EN: GatewaysText = {
  title: 'Gateways',
  lead: 'Field gateways, their connection state and last contact. Provision a new gateway at the bottom.',
  gateway: 'Gateway',
  area: 'Growing area',
  state: 'State',
  online: 'Online',
  offline: 'Offline',
  lastContact: 'Last contact',
  never: 'Never',
  sensors: 'Sensors',
  noSensors: 'No sensors yet',
  spool: 'Spool',
  spoolEntries: (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'} waiting`,
  noGateways: 'No gateways yet. Provision the first one with the form below.',
  count: (n: number) => `${n} ${n === 1 ? 'gateway' : 'gateways'}`,
  justNow: 'just now',
  ago: (amount: number, unit: 'minute' | 'hour' | 'day') =>
    `${amount} ${{ minute: 'min', hour: amount === 1 ? 'hour' : 'hours', day: amount === 1 ? 'day' : 'days' }[unit]} ago`,
  provisionTitle: 'Provision a gateway',
  idLabel: 'Gateway id',
  idHint:
    'Letters, digits, ".", "_" or "-", at most 64, starting with a letter or digit. Also its MQTT username.',
  areaLabel: 'Growing area',
  chooseArea: 'Choose a growing area',
  positionLabel: 'Position (optional)',
  positionHint:
    '"lat,lon" as a phone\'s map app copies it, e.g. 9.93,106.07. Published on the open-data map of stations.',
  position: (latLon: string) => `Position: ${latLon}`,
  metricsLabel: 'Metrics its probe measures',
  metricsHint: (probe: string) => `One probe named ${probe} measures the metrics chosen.`,
  provision: 'Provision',
  problem: 'The gateway could not be provisioned',
  needId: 'Please enter a gateway id.',
  needArea: 'Please choose a growing area.',
  provisioned: (id: string) => `Gateway ${id} provisioned.`,
  secretOnce:
    "The gateway's secret is shown ONCE, now. Copy the config below onto the gateway: the platform keeps only a hash and cannot show it again. If it is lost, a new secret must be issued.",
  secretLabel: 'Gateway secret',
  configTitle: 'Edge agent config',
  configHint: (path: string) =>
    `Save it as ${path} on the gateway (mode 0600), then run: zonetrace edge-agent --config ${path}. The secret can move to its own file with "secretFile".`,
  nodesTitle: 'Probes on the LAN',
  nodesHint:
    'Probes publish SenML packs to the agent\'s local MQTT port (127.0.0.1:1884 by default); each record is named "{sensor id}:{metric}". The names this gateway may send:',
  backToList: 'Back to the gateways',
  actions: 'Actions',
  rotate: 'Rotate secret',
  rotateTitle: (id: string) => `Rotate the secret of gateway ${id}`,
  rotateWarning:
    'The old secret stops working: from its next connection (within about a minute), the broker refuses this gateway until it is reconfigured with the new secret.',
  rotateSteps:
    'Rotate only when the secret has leaked or been lost. The new secret is shown once, right after rotating; be ready to update the edge agent config on the gateway.',
  rotateConfirm: 'Rotate the secret now',
  cancel: 'Do not rotate, go back',
  rotated: (id: string) => `The secret of gateway ${id} was rotated. The old secret no longer works.`,
  unknownGateway: (id: string) => `There is no gateway "${id}".`,
}

export function gatewaysText(lang: Lang): GatewaysText {
  return lang === 'en' ? EN : VI
}
