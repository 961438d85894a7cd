// Data module: which IANA time zone a phone number's recipient lives in, for quiet hours. Read by
// ../time-zone-of.ts. Packed strings keep the n8n bundle small; tests check that every zone is one Intl knows.
//
// - SINGLE_ZONE: countries with one zone (or one zone for nearly everybody), grouped by the zone's area:
//   `Area/` then `CC=City` pairs.
// - PREFIX_ZONES: countries with several zones, by the start of the national number (the area code): entries
//   `CC>Default` then `Zone:prefix prefix…`; the longest listed prefix wins. A number whose prefix is not listed
//   (mobiles in most of these countries, non-geographic codes) gets the country's default zone — its most populous
//   — reported as `country-default`. Zone names inside a country are given without `America/` etc. when they share
//   the default's area.
// - NANP_AREA_CODES (+1): US and Canadian area codes, one letter per code; other +1 countries (JM, PR, BS…) are
//   told apart by libphonenumber and are in SINGLE_ZONE. US and CA are in PREFIX_ZONES for their default zone only.

export const SINGLE_ZONE =
  'Europe/AD=Andorra AL=Tirane AT=Vienna AX=Mariehamn BA=Sarajevo BE=Brussels BG=Sofia BY=Minsk CH=Zurich ' +
  'CZ=Prague DE=Berlin DK=Copenhagen EE=Tallinn FI=Helsinki FR=Paris GB=London GG=Guernsey GI=Gibraltar ' +
  'GR=Athens HR=Zagreb HU=Budapest IE=Dublin IM=Isle_of_Man IT=Rome JE=Jersey LI=Vaduz LT=Vilnius ' +
  'LU=Luxembourg LV=Riga MC=Monaco MD=Chisinau ME=Podgorica MK=Skopje MT=Malta NL=Amsterdam NO=Oslo SJ=Oslo ' +
  'PL=Warsaw RO=Bucharest RS=Belgrade XK=Belgrade SE=Stockholm SI=Ljubljana SK=Bratislava SM=San_Marino ' +
  'UA=Kyiv VA=Vatican TR=Istanbul;' +
  'Atlantic/FO=Faroe IS=Reykjavik CV=Cape_Verde SH=St_Helena FK=Stanley BM=Bermuda;' +
  'Africa/AO=Luanda BF=Ouagadougou BI=Bujumbura BJ=Porto-Novo BW=Gaborone CF=Bangui CG=Brazzaville ' +
  'CI=Abidjan CM=Douala DJ=Djibouti DZ=Algiers EG=Cairo EH=El_Aaiun ER=Asmara ET=Addis_Ababa GA=Libreville ' +
  'GH=Accra GM=Banjul GN=Conakry GQ=Malabo GW=Bissau KE=Nairobi LR=Monrovia LS=Maseru LY=Tripoli ' +
  'MA=Casablanca ML=Bamako MR=Nouakchott MW=Blantyre MZ=Maputo NA=Windhoek NE=Niamey NG=Lagos RW=Kigali ' +
  'SD=Khartoum SL=Freetown SN=Dakar SO=Mogadishu SS=Juba ST=Sao_Tome SZ=Mbabane TD=Ndjamena TG=Lome ' +
  'TN=Tunis TZ=Dar_es_Salaam UG=Kampala ZA=Johannesburg ZM=Lusaka ZW=Harare;' +
  'Indian/KM=Comoro MG=Antananarivo MU=Mauritius RE=Reunion SC=Mahe YT=Mayotte IO=Chagos MV=Maldives ' +
  'CC=Cocos CX=Christmas;' +
  'Asia/AE=Dubai AF=Kabul AM=Yerevan AZ=Baku BD=Dhaka BH=Bahrain BN=Brunei BT=Thimphu CN=Shanghai ' +
  'CY=Nicosia GE=Tbilisi HK=Hong_Kong IL=Jerusalem IN=Kolkata IQ=Baghdad IR=Tehran JO=Amman JP=Tokyo ' +
  'KG=Bishkek KH=Phnom_Penh KP=Pyongyang KR=Seoul KW=Kuwait KZ=Almaty LA=Vientiane LB=Beirut LK=Colombo ' +
  'MM=Yangon MO=Macau MY=Kuala_Lumpur NP=Kathmandu OM=Muscat PH=Manila PK=Karachi PS=Hebron QA=Qatar ' +
  'SA=Riyadh SG=Singapore SY=Damascus TH=Bangkok TJ=Dushanbe TL=Dili TM=Ashgabat TW=Taipei UZ=Tashkent ' +
  'VN=Ho_Chi_Minh YE=Aden;' +
  'America/AG=Antigua AI=Anguilla AR=Argentina/Buenos_Aires AW=Aruba BB=Barbados BL=St_Barthelemy ' +
  'BO=La_Paz BQ=Kralendijk BS=Nassau BZ=Belize CO=Bogota CR=Costa_Rica CU=Havana CW=Curacao DM=Dominica ' +
  'DO=Santo_Domingo GD=Grenada GF=Cayenne GP=Guadeloupe GT=Guatemala GY=Guyana HN=Tegucigalpa ' +
  'HT=Port-au-Prince JM=Jamaica KN=St_Kitts KY=Cayman LC=St_Lucia MF=Marigot MQ=Martinique MS=Montserrat ' +
  'NI=Managua PA=Panama PE=Lima PM=Miquelon PR=Puerto_Rico PY=Asuncion SR=Paramaribo SV=El_Salvador ' +
  'SX=Lower_Princes TC=Grand_Turk TT=Port_of_Spain UY=Montevideo VC=St_Vincent VE=Caracas VG=Tortola ' +
  'VI=St_Thomas;' +
  'Pacific/AS=Pago_Pago CK=Rarotonga FJ=Fiji GU=Guam MH=Majuro MP=Saipan NC=Noumea NF=Norfolk NR=Nauru ' +
  'NU=Niue NZ=Auckland PG=Port_Moresby PW=Palau SB=Guadalcanal TK=Fakaofo TO=Tongatapu TV=Funafuti ' +
  'VU=Efate WF=Wallis WS=Apia';

export const PREFIX_ZONES =
  'AU>Australia/Sydney;Sydney:2;Melbourne:3;Brisbane:7;Adelaide:87 88;Darwin:889;Perth:86 89|BR>America/Sao_Paulo' +
  ';Sao_Paulo:11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 51 53 54 ' +
  '55 61 62 63 64 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89 98 99;Belem:91 93 94 96;Manaus:92 97;Cuiaba:65 66;' +
  'Campo_Grande:67;Porto_Velho:69;Boa_Vista:95;Rio_Branco:68|CA>America/Toronto|CD>Africa/Kinshasa|CL>America/San' +
  'tiago|EC>America/Guayaquil|ES>Europe/Madrid;Atlantic/Canary:822 828 922 928|FM>Pacific/Pohnpei|GL>America/Nuuk' +
  '|ID>Asia/Jakarta;Jakarta:21 22 24 31 61 751 761 771 778;Pontianak:561;Makassar:361 370 380 401 411 431 451 511' +
  ' 541 542;Jayapura:901 911 921 951 967 971|KI>Pacific/Tarawa|MN>Asia/Ulaanbaatar|MX>America/Mexico_City;Mexico_' +
  'City:33 55 81 222 442 449 477 999;Cancun:983 984 987 998;Chihuahua:614 625 639;Ciudad_Juarez:656;Mazatlan:311 ' +
  '612 624 667 668 669 687;Hermosillo:622 631 644 662;Tijuana:646 661 664 665 686|PF>Pacific/Tahiti|PT>Europe/Lis' +
  'bon;Atlantic/Madeira:291;Atlantic/Azores:292 295 296|RU>Europe/Moscow;Moscow:495 499 812;Kaliningrad:401;Samar' +
  'a:846 8482;Saratov:8452;Volgograd:8442;Astrakhan:8512;Ulyanovsk:8422;Asia/Yekaterinburg:342 343 347 351 3452 3' +
  '532;Asia/Omsk:381;Asia/Novosibirsk:383;Asia/Barnaul:385;Asia/Tomsk:382;Asia/Novokuznetsk:384;Asia/Krasnoyarsk:' +
  '391;Asia/Irkutsk:301 395;Asia/Chita:302;Asia/Yakutsk:411 416;Asia/Vladivostok:421 423;Asia/Magadan:413;Asia/Sa' +
  'khalin:424;Asia/Kamchatka:415|US>America/New_York';

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
