// Instance/lot master data (ILMD, EPCIS 2.0 §7.3.6) and certificationInfo (EPCIS 2.0 §7.4.1) of a lot.
// ILMD is stated once, on the event that brings the lot into being. Standard CBV 2.0 attributes are used
// where they exist (cbvmda:countryOfOrigin; the prefix is bound, and protected, by the EPCIS context
// itself, so we must not rebind it); the harvest window and the growing areas have no CBV attribute
// that fits a plant lot and go under zt:. No cbvmda:lotNumber: the lot is already in every epcClass, and
// a split's ILMD applies to all of its outputs, which have lot numbers of their own. Certificates are described with the GS1 Web Vocabulary's
// CertificationDetails terms (gs1:certificationStandard, …).
import type { AreaView, Certification, CertificationScheme, PublicLot } from '@zonetrace/contracts'
import { instant, vietnamDateOf, zoneUri } from './identifiers.ts'
import type { Ilmd } from './types.ts'

const STANDARD_NAMES: Record<CertificationScheme, string> = {
  vietgap: 'VietGAP',
  globalgap: 'GLOBALG.A.P.',
  organic: 'Organic',
}

interface AreaCertification {
  area: string
  cert: Certification
}

/**
 * Certificates of the lot's growing areas that were valid at some point of the harvest window. One that
 * lapsed before the harvest, or starts after it, says nothing about this lot and is not claimed.
 */
function harvestCertifications(lot: PublicLot, areas: AreaView[]): AreaCertification[] {
  const firstDay = vietnamDateOf(lot.harvestedFrom)
  const lastDay = vietnamDateOf(lot.harvestedTo)
  const sources = new Set(lot.areaCodes)
  return areas
    .filter((area) => sources.has(area.code))
    .flatMap((area) => area.certifications.map((cert) => ({ area: area.code, cert })))
    .filter(({ cert }) => cert.validTo >= firstDay && (cert.validFrom === null || cert.validFrom <= lastDay))
}

export function lotMasterData(lot: PublicLot, areas: AreaView[]): Ilmd {
  const ilmd: Ilmd = {
    // Every growing area on this platform is a registered Vietnamese mã số vùng trồng.
    'cbvmda:countryOfOrigin': 'VN',
    'zt:growingArea': [...lot.areaCodes],
    'zt:harvestStart': instant(lot.harvestedFrom),
    'zt:harvestEnd': instant(lot.harvestedTo),
  }
  if (lot.grownFrom !== null) ilmd['zt:growingStart'] = instant(lot.grownFrom)
  const certs = harvestCertifications(lot, areas)
  if (certs.length > 0) {
    ilmd['zt:certification'] = certs.map(({ area, cert }) => ({
      'gs1:certificationStandard': STANDARD_NAMES[cert.scheme],
      'gs1:certificationIdentification': cert.certificateNo,
      ...(cert.issuer === null ? {} : { 'gs1:certificationAgency': cert.issuer }),
      ...(cert.validFrom === null ? {} : { 'zt:certificationStartDate': cert.validFrom }),
      'gs1:certificationEndDate': cert.validTo,
      'zt:growingArea': area,
    }))
  }
  return ilmd
}

/**
 * One URI per certificate (the schema allows only URIs here, not the certificate itself): the
 * certificate as a resource of its growing area. The ILMD carries the details, so a reader never has to
 * dereference these to learn what was certified.
 */
export function certificationInfo(base: string, lot: PublicLot, areas: AreaView[]): string[] {
  return harvestCertifications(lot, areas).map(
    ({ area, cert }) =>
      `${zoneUri(base, area)}/certifications/${cert.scheme}/${encodeURIComponent(cert.certificateNo)}`,
  )
}
