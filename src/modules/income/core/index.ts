/** Pure rules for service-invention income sharing (职务科技成果收益分配) and rights grants (赋权); no I/O. */
export * from './income-sharing.js';
