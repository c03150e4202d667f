export function Logo({ size = 36 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="19" fill="#fff" />
      <circle cx="20" cy="20" r="16" fill="#0b4ea2" />
      <path d="M9 27h22M11.5 27V17l8.5-5 8.5 5v10" stroke="#fff" strokeWidth="2.2" fill="none" strokeLinejoin="round" />
      <path d="M16 27v-6h8v6" stroke="#f5c242" strokeWidth="2.2" fill="none" />
    </svg>
  );
}
