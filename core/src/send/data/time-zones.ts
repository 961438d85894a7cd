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
// - NANP (+1): US and Canadian area codes; other +1 countries (JM, PR, BS…) are told apart by libphonenumber and are
//   in SINGLE_ZONE. An area code split between zones is listed under the zone most of its people use.

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
  'AU>Australia/Sydney;Sydney:2;Melbourne:3;Brisbane:7;Adelaide:87 88;Darwin:889;Perth:86 89|' +
  'BR>America/Sao_Paulo;Sao_Paulo:11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 ' +
  '47 48 49 51 53 54 55 61 62 63 64 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89 98 99;Belem:91 93 94 96;' +
  'Manaus:92 97;Cuiaba:65 66;Campo_Grande:67;Porto_Velho:69;Boa_Vista:95;Rio_Branco:68|' +
  'CA>America/Toronto;Toronto:226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905 263 354 ' +
  '367 418 438 450 468 514 579 581 819 873;Halifax:428 506 782 902;St_Johns:709 879;Winnipeg:204 431 584;' +
  'Regina:306 474 639;Edmonton:368 403 587 780 825;Vancouver:236 250 257 604 672 778|' +
  'CD>Africa/Kinshasa|CL>America/Santiago|EC>America/Guayaquil|ES>Europe/Madrid;Atlantic/Canary:822 828 ' +
  '922 928|FM>Pacific/Pohnpei|GL>America/Nuuk|ID>Asia/Jakarta;Jakarta:21 22 24 31 61 751 761 771 778;' +
  'Pontianak:561;Makassar:361 370 380 401 411 431 451 511 541 542;Jayapura:901 911 921 951 967 971|' +
  'KI>Pacific/Tarawa|MN>Asia/Ulaanbaatar|' +
  'MX>America/Mexico_City;Mexico_City:33 55 81 222 442 449 477 999;Cancun:983 984 987 998;' +
  'Chihuahua:614 625 639;Ciudad_Juarez:656;Mazatlan:311 612 624 667 668 669 687;Hermosillo:622 631 644 662;' +
  'Tijuana:646 661 664 665 686|' +
  'PF>Pacific/Tahiti|PT>Europe/Lisbon;Atlantic/Madeira:291;Atlantic/Azores:292 295 296|' +
  'RU>Europe/Moscow;Moscow:495 499 812;Kaliningrad:401;Samara:846 8482;Saratov:8452;Volgograd:8442;' +
  'Astrakhan:8512;Ulyanovsk:8422;Asia/Yekaterinburg:342 343 347 351 3452 3532;Asia/Omsk:381;' +
  'Asia/Novosibirsk:383;Asia/Barnaul:385;Asia/Tomsk:382;Asia/Novokuznetsk:384;Asia/Krasnoyarsk:391;' +
  'Asia/Irkutsk:301 395;Asia/Chita:302;Asia/Yakutsk:411 416;Asia/Vladivostok:421 423;Asia/Magadan:413;' +
  'Asia/Sakhalin:424;Asia/Kamchatka:415|' +
  'US>America/New_York;New_York:201 202 203 207 212 215 216 220 223 227 229 231 234 239 240 248 252 260 267 269 ' +
  '272 276 283 301 302 304 305 313 315 317 321 326 329 330 332 336 339 347 351 352 363 380 386 401 404 407 410 ' +
  '412 413 419 423 434 436 440 443 445 463 470 472 475 478 484 502 508 513 516 517 518 540 551 561 567 570 571 ' +
  '574 582 585 586 603 606 607 609 610 614 616 617 624 631 640 646 667 678 680 681 686 689 703 704 706 716 717 ' +
  '718 724 727 732 734 740 743 754 757 762 765 770 771 772 774 781 786 802 803 804 810 812 813 814 821 826 828 ' +
  '835 838 839 843 845 848 854 856 857 859 860 862 863 864 865 878 904 906 908 910 912 914 917 919 929 930 934 ' +
  '937 941 943 947 948 954 959 973 978 980 984 989;Chicago:205 210 214 217 218 219 224 225 228 251 254 256 262 ' +
  '270 274 281 308 309 312 314 316 318 319 320 325 331 334 337 346 353 361 364 402 405 409 414 417 430 432 447 ' +
  '448 457 464 469 479 501 504 507 512 515 531 534 539 563 573 580 601 605 608 612 615 618 620 629 630 636 641 ' +
  '651 659 660 662 682 701 708 712 713 715 726 730 731 737 763 769 773 779 785 806 815 816 817 830 832 847 850 ' +
  '870 872 901 903 913 918 920 931 936 938 940 945 952 956 972 979 985;Denver:303 307 385 406 435 505 575 719 ' +
  '720 801 915 970 983;Boise:208 986;Phoenix:480 520 602 623 928;Los_Angeles:206 209 213 253 279 310 323 341 ' +
  '350 360 369 408 415 424 425 442 458 503 509 510 530 541 559 562 564 619 626 628 650 657 661 669 702 707 714 ' +
  '725 747 760 775 805 818 820 831 840 858 909 916 925 949 951 971;Anchorage:907;Pacific/Honolulu:808';
