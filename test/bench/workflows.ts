// What the benchmark's worker hosts: every production workflow and the floor.
export * from '../../workflows/index';
export * from './floor-workflow';
