/**
 * Open311 GeoReport v2 documents, in JSON and XML with the specification's element names. Pure:
 * the routes hand in plain values and send the text out. Ids and codes are strings in JSON;
 * a missing value is `null` in JSON and an empty element in XML.
 */
import { XMLBuilder } from 'fast-xml-parser';

export type Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

const builder = new XMLBuilder({ ignoreAttributes: false, format: false, suppressEmptyNode: false });
const DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' } };

/**
 * Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks, lone
 * surrogates, U+FFFE and U+FFFF): text stored from a report may hold them, and one would make the
 * whole document unreadable, so each becomes U+FFFD.
 */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xml(document: Record<string, unknown>): string {
  return (builder.build({ ...DECLARATION, ...document }) as string).replace(NOT_XML, '\uFFFD');
}

export interface Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: string; formats: string[] }[];
}

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface AttributeValue {
  key: string;
  name: string;
}

export interface ServiceAttribute {
  variable: boolean;
  code: string;
  datatype: string;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: AttributeValue[];
}

export interface ServiceDefinition {
  service_code: string;
  attributes: ServiceAttribute[];
}

export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** A created request names its id at once, so it carries no token (the specification: one or the other). */
export interface CreatedRequest {
  service_request_id: string;
  service_notice: string;
  account_id: string | null;
}

export interface RequestToken {
  service_request_id: string;
  token: string;
}

export interface Open311Error {
  code: number;
  description: string;
}

export function discovery(format: Format, d: Discovery): string {
  if (format === 'json') return JSON.stringify(d);
  return xml({
    discovery: {
      changeset: d.changeset,
      contact: d.contact,
      key_service: d.key_service,
      endpoints: { endpoint: d.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) },
    },
  });
}

export function services(format: Format, items: readonly Service[]): string {
  if (format === 'json') return JSON.stringify(items);
  return xml({ services: { service: items } });
}

export function serviceDefinition(format: Format, d: ServiceDefinition): string {
  if (format === 'json') return JSON.stringify(d);
  return xml({
    service_definition: {
      service_code: d.service_code,
      attributes: {
        attribute: d.attributes.map(({ values, ...a }) => (values ? { ...a, values: { value: values } } : a)),
      },
    },
  });
}

export function requests(format: Format, items: readonly ServiceRequest[]): string {
  if (format === 'json') return JSON.stringify(items);
  return xml({ service_requests: { request: items } });
}

export function created(format: Format, items: readonly CreatedRequest[]): string {
  if (format === 'json') return JSON.stringify(items);
  return xml({ service_requests: { request: items } });
}

export function tokens(format: Format, items: readonly RequestToken[]): string {
  if (format === 'json') return JSON.stringify(items);
  return xml({ service_requests: { request: items } });
}

export function errors(format: Format, items: readonly Open311Error[]): string {
  if (format === 'json') return JSON.stringify(items);
  return xml({ errors: { error: items } });
}
