/** 9001 签到: the operator signs in; every later message carries the sign_no. */
import { z } from 'zod';

export const In9001 = z.looseObject({
  signIn: z.looseObject({
    opter_no: z.string().min(1).max(30).describe('操作员编号'),
    mac: z.string().max(20).optional().describe('签到MAC地址'),
    ip: z.string().max(15).optional().describe('签到IP'),
  }).describe('签到信息'),
});

export const Out9001 = z.looseObject({
  signinoutb: z.looseObject({
    sign_time: z.string().describe('签到时间'),
    sign_no: z.string().min(1).max(30).describe('签到编号'),
  }).describe('签到输出'),
});
