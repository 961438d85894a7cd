// The Zapier app: Plivo SMS through @textbridge/core. Zapier loads it by package name (`exports`: dist/index.js).
import zapier, { defineApp } from 'zapier-platform-core';
import { addPlivoAuthHeader, authentication } from './authentication.js';
import { sendSmsCreate } from './creates/send-sms.js';
import { sendVerificationCodeCreate } from './creates/send-verification-code.js';
import { checkVerificationCodeSearch } from './searches/check-verification-code.js';
import { deliveryReportSearch } from './searches/delivery-report.js';
import { findMessageSearch } from './searches/find-message.js';
import { findNumberWiringSearch } from './searches/find-number-wiring.js';
import { lookupNumberSearch } from './searches/lookup-number.js';
import { deliveryStatusInstantTrigger } from './triggers/delivery-status-instant.js';
import { deliveryStatusTrigger } from './triggers/delivery-status.js';
import { newInboundSmsPollingTrigger } from './triggers/new-inbound-sms-polling.js';
import { newInboundSmsTrigger } from './triggers/new-inbound-sms.js';
import { senderNumberTrigger } from './triggers/sender-number.js';
import { APP_VERSION } from './version.js';

export default defineApp({
  version: APP_VERSION,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [addPlivoAuthHeader],
  triggers: {
    [newInboundSmsTrigger.key]: newInboundSmsTrigger,
    [newInboundSmsPollingTrigger.key]: newInboundSmsPollingTrigger,
    [deliveryStatusTrigger.key]: deliveryStatusTrigger,
    [deliveryStatusInstantTrigger.key]: deliveryStatusInstantTrigger,
    [senderNumberTrigger.key]: senderNumberTrigger,
  },
  creates: {
    [sendSmsCreate.key]: sendSmsCreate,
    [sendVerificationCodeCreate.key]: sendVerificationCodeCreate,
  },
  searches: {
    [lookupNumberSearch.key]: lookupNumberSearch,
    [findMessageSearch.key]: findMessageSearch,
    [checkVerificationCodeSearch.key]: checkVerificationCodeSearch,
    [deliveryReportSearch.key]: deliveryReportSearch,
    [findNumberWiringSearch.key]: findNumberWiringSearch,
  },
});
