// Data module: which IANA time zone a phone number's recipient lives in, for quiet hours. Read by
// ../time-zone-of.ts. Packed strings keep the n8n bundle small; tests check that every zone is one Intl knows.
//
// A country with one zone needs no entry: Intl knows each region's zones (CLDR, `Intl.Locale#getTimeZones`), and
// one zone is the answer. These tables hold what Intl cannot say:
// - MAIN_ZONE: countries Intl gives several zones where one serves nearly everybody (DE: Berlin, not Büsingen), and
//   regions Intl has none for: `CC=Zone` pairs.
// - PREFIX_ZONES: countries with several zones, by the start of the national number (the area code): entries
//   `CC>Default` then `Zone:prefix prefix…`; the longest listed prefix wins. A number whose prefix is not listed
//   (mobiles in most of these countries, non-geographic codes) gets the country's default zone — its most populous
//   — reported as `country-default`. RU and ID are listed by default only: their mobile numbers carry no region. Zone names inside a country are given without `America/` etc. when they share
//   the default's area.
// - NANP_AREA_CODES (+1): US and Canadian area codes, one letter per code; other +1 countries (JM, PR, BS…) are
//   told apart by libphonenumber and have one zone. US and CA are in PREFIX_ZONES for their default zone only.

export const MAIN_ZONE =
  'AR=America/Argentina/Buenos_Aires CN=Asia/Shanghai CY=Asia/Nicosia DE=Europe/Berlin KZ=Asia/Almaty ' +
  'MH=Pacific/Majuro MY=Asia/Kuala_Lumpur NZ=Pacific/Auckland PG=Pacific/Port_Moresby PS=Asia/Hebron ' +
  'UA=Europe/Kyiv UZ=Asia/Tashkent AC=Atlantic/St_Helena TA=Atlantic/St_Helena XK=Europe/Belgrade';

export const PREFIX_ZONES =
  'AU>Australia/Sydney;Sydney:2;Melbourne:3;Brisbane:7;Adelaide:87 88;Darwin:889;Perth:86 89|BR>America/Sao_Paulo' +
  ';Sao_Paulo:11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 51 53 54 ' +
  '55 61 62 63 64 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89 98 99;Belem:91 93 94 96;Manaus:92 97;Cuiaba:65 66;' +
  'Campo_Grande:67;Porto_Velho:69;Boa_Vista:95;Rio_Branco:68|CA>America/Toronto|CD>Africa/Kinshasa|CL>America/San' +
  'tiago|EC>America/Guayaquil|ES>Europe/Madrid;Atlantic/Canary:822 828 922 928|FM>Pacific/Pohnpei|GL>America/Nuuk' +
  '|ID>Asia/Jakarta|KI>Pacific/Tarawa|MN>Asia/Ulaanbaatar|MX>America/Mexico_City;Mexico_City:33 55 81 222 442 449' +
  ' 477 999;Cancun:983 984 987 998;Chihuahua:614 625 639;Ciudad_Juarez:656;Mazatlan:311 612 624 667 668 669 687;H' +
  'ermosillo:622 631 644 662;Tijuana:646 661 664 665 686|PF>Pacific/Tahiti|PT>Europe/Lisbon;Atlantic/Madeira:291;' +
  'Atlantic/Azores:292 295 296|RU>Europe/Moscow|US>America/New_York';

/**
 * US and Canadian area codes 200–999, one character each (`.`: not geographic, or not listed); the letters name
 * zones in NANP_ZONE_LETTERS. An area code split between zones has the zone most of its people use.
 */
export const NANP_AREA_CODES =
  '.eeeWcleblc.elceeccce..eccTece.e..e.V..ee.......eTVcelc.cV..e.cT...e.ec.e.c.e..l.c.e.....T..........' +
  '.eemeeRmccl.cecececcce.l.ce..eece.c.ec.e.l.T..ce..leecT.....lc.ecT.TEl..........e.T..me.............' +
  '.ecEecmelce.eeclTcTe...ell..H.cWc.emeTT.e.le.e.cc.T......cl....ec...Tce.e.Re..ecp...e...............' +
  '.celcmHcell.ceTceeeTp.........lc..c....cel......T..e.......l.elcl..e..ee.cem...TcTe.WeeE............' +
  '.cpeVceecee.cTeceeclc..pe.l.lcce....c..Rec....eT..lc.....l.cclc....e.l..V.....e.eecT..e..e..........' +
  '.cleeTelcN..cclceeemm...elce..cce.e..c..e.Te...l.....Te..e..l.ec.e...ceeecel..VcEeH..ce.............' +
  '.meeelcTh.e.eeeccclTle...Ee.e.clc..e..eel..e.e.ce.c...e.eelee.eeee....c.cT....eN....................' +
  '.cHceTeaele.ecemlecec....l..peec..e.cec.ce.e.c.eel.lc.e.c..e..........mlce....ece..mecb..e..........';

/** `letter=zone`; a zone without an area is in America/. */
export const NANP_ZONE_LETTERS = 'e=New_York c=Chicago m=Denver b=Boise p=Phoenix l=Los_Angeles a=Anchorage h=Pacific/Honolulu T=Toronto H=Halifax N=St_Johns W=Winnipeg R=Regina E=Edmonton V=Vancouver';
