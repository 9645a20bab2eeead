// Registry schemas: patients, care needs, requests, import, self-registration.
export {};
