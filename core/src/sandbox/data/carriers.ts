// Data module: the fake carriers the sandbox reports (Lookup API, MCC/MNC in status callbacks) and its per-unit SMS
// rates. Names and MCC/MNC codes are real networks of each country; which number "belongs" to which network is made up
// — picked from the number's digits (a stable hash), or by a national-number prefix where one is listed.

export interface FakeNetwork {
  name: string;
  mcc: string;
  mnc: string;
  /** National-number prefixes this network owns; networks without prefixes share the remaining numbers. */
  prefixes?: readonly string[];
}

export interface CountryCarrierData {
  /** Per-unit outbound SMS rate, Plivo's 5-decimal string. */
  smsRate: string;
  mobile: readonly FakeNetwork[];
  /** Carrier reported for fixed-line, VoIP and toll-free numbers. */
  fixed: FakeNetwork;
}

export const DEFAULT_SMS_RATE = '0.04500';

/** Reported for numbers of countries not listed below. */
export const FALLBACK_NETWORKS: CountryCarrierData = {
  smsRate: DEFAULT_SMS_RATE,
  mobile: [{ name: 'Sandbox Mobile', mcc: '001', mnc: '01' }],
  fixed: { name: 'Sandbox Fixed Line', mcc: '001', mnc: '02' },
};

export const CARRIERS_BY_COUNTRY: Readonly<Record<string, CountryCarrierData>> = {
  US: {
    smsRate: '0.00550',
    mobile: [
      { name: 'T-Mobile USA, Inc.', mcc: '310', mnc: '260' },
      { name: 'Verizon Wireless', mcc: '311', mnc: '480' },
      { name: 'AT&T Wireless', mcc: '310', mnc: '410' },
    ],
    fixed: { name: 'Bandwidth.com CLEC, LLC', mcc: '313', mnc: '100' },
  },
  CA: {
    smsRate: '0.00550',
    mobile: [
      { name: 'Rogers Wireless', mcc: '302', mnc: '720' },
      { name: 'Bell Mobility', mcc: '302', mnc: '610' },
      { name: 'TELUS Mobility', mcc: '302', mnc: '220' },
    ],
    fixed: { name: 'Bell Canada', mcc: '302', mnc: '000' },
  },
  GB: {
    smsRate: '0.04000',
    mobile: [
      { name: 'EE', mcc: '234', mnc: '30', prefixes: ['73', '74', '75'] },
      { name: 'Vodafone UK', mcc: '234', mnc: '15', prefixes: ['77', '78'] },
      { name: 'O2 UK', mcc: '234', mnc: '10', prefixes: ['79'] },
      { name: 'Three UK', mcc: '234', mnc: '20' },
    ],
    fixed: { name: 'BT Group', mcc: '234', mnc: '00' },
  },
  DE: {
    smsRate: '0.08500',
    mobile: [
      { name: 'Telekom Deutschland', mcc: '262', mnc: '01', prefixes: ['151', '160', '170', '171', '175'] },
      { name: 'Vodafone Germany', mcc: '262', mnc: '02', prefixes: ['152', '162', '172', '173', '174'] },
      { name: 'Telefónica Germany (O2)', mcc: '262', mnc: '03' },
    ],
    fixed: { name: 'Deutsche Telekom', mcc: '262', mnc: '00' },
  },
  FR: {
    smsRate: '0.07000',
    mobile: [
      { name: 'Orange France', mcc: '208', mnc: '01' },
      { name: 'SFR', mcc: '208', mnc: '10' },
      { name: 'Bouygues Telecom', mcc: '208', mnc: '20' },
      { name: 'Free Mobile', mcc: '208', mnc: '15' },
    ],
    fixed: { name: 'Orange France (fixed)', mcc: '208', mnc: '00' },
  },
  IN: {
    smsRate: '0.00250',
    mobile: [
      { name: 'Reliance Jio', mcc: '405', mnc: '857' },
      { name: 'Bharti Airtel', mcc: '404', mnc: '10' },
      { name: 'Vodafone Idea', mcc: '404', mnc: '20' },
    ],
    fixed: { name: 'BSNL', mcc: '404', mnc: '00' },
  },
  AU: {
    smsRate: '0.04200',
    mobile: [
      { name: 'Telstra', mcc: '505', mnc: '01' },
      { name: 'Optus', mcc: '505', mnc: '02' },
      { name: 'Vodafone Australia', mcc: '505', mnc: '03' },
    ],
    fixed: { name: 'Telstra (fixed)', mcc: '505', mnc: '00' },
  },
  BR: {
    smsRate: '0.03000',
    mobile: [
      { name: 'Vivo', mcc: '724', mnc: '06' },
      { name: 'Claro Brasil', mcc: '724', mnc: '05' },
      { name: 'TIM Brasil', mcc: '724', mnc: '02' },
    ],
    fixed: { name: 'Oi', mcc: '724', mnc: '00' },
  },
  MX: {
    smsRate: '0.02500',
    mobile: [
      { name: 'Telcel', mcc: '334', mnc: '020' },
      { name: 'AT&T Mexico', mcc: '334', mnc: '050' },
      { name: 'Movistar Mexico', mcc: '334', mnc: '030' },
    ],
    fixed: { name: 'Telmex', mcc: '334', mnc: '000' },
  },
  ES: {
    smsRate: '0.07500',
    mobile: [
      { name: 'Movistar', mcc: '214', mnc: '07' },
      { name: 'Vodafone Spain', mcc: '214', mnc: '01' },
      { name: 'Orange Spain', mcc: '214', mnc: '03' },
    ],
    fixed: { name: 'Telefónica de España', mcc: '214', mnc: '00' },
  },
  IT: {
    smsRate: '0.07500',
    mobile: [
      { name: 'TIM', mcc: '222', mnc: '01' },
      { name: 'Vodafone Italia', mcc: '222', mnc: '10' },
      { name: 'WindTre', mcc: '222', mnc: '88' },
    ],
    fixed: { name: 'Telecom Italia', mcc: '222', mnc: '00' },
  },
  NL: {
    smsRate: '0.09000',
    mobile: [
      { name: 'KPN', mcc: '204', mnc: '08' },
      { name: 'Vodafone Netherlands', mcc: '204', mnc: '04' },
      { name: 'Odido', mcc: '204', mnc: '16' },
    ],
    fixed: { name: 'KPN (fixed)', mcc: '204', mnc: '00' },
  },
};
