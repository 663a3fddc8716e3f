// The organisers' pages (organisations, people, questions, exams, campaigns): owned by the
// console's part 2. Each route's meta (title, icon, group, permission) puts it in the menu;
// pages reached from another page (a monitor, a result) carry no icon and stay out of it.
import type { RouteRecordRaw } from 'vue-router';
import {
  BookIcon, CalendarIcon, ChartBarIcon, CheckCircleIcon, EditIcon, FileImportIcon, FlagIcon, HistoryIcon, LayersIcon, QrcodeIcon,
  TreeSquareDotIcon, UserAddIcon, UsergroupIcon, ViewListIcon,
} from 'tdesign-icons-vue-next';

const people = '人员与单位', bank = '题库', exams = '考试', campaigns = '学·讲·述·考';

export const organiserRoutes: RouteRecordRaw[] = [
  { path: 'organizations', name: 'organizations', component: () => import('../pages/organizations/OrganizationsPage.vue'), meta: { title: '单位', icon: TreeSquareDotIcon, group: people, permission: 'org.read' } },
  { path: 'people', name: 'people', component: () => import('../pages/people/PeoplePage.vue'), meta: { title: '人员', icon: UsergroupIcon, group: people, permission: 'user.read' } },
  { path: 'people/import', name: 'people-import', component: () => import('../pages/people/PeopleImportPage.vue'), meta: { title: '批量导入人员', icon: UserAddIcon, group: people, permission: 'user.create' } },
  { path: 'people/invitations', name: 'invitations', component: () => import('../pages/people/InvitationsPage.vue'), meta: { title: '微信绑定邀请码', icon: QrcodeIcon, group: people, permission: 'user.invite' } },
  { path: 'questions', name: 'question-bank', component: () => import('../pages/questions/QuestionBankPage.vue'), meta: { title: '题库浏览', icon: BookIcon, group: bank, permission: 'question.review' } },
  { path: 'questions/import', name: 'question-import', component: () => import('../pages/questions/QuestionImportPage.vue'), meta: { title: '导入题目', icon: FileImportIcon, group: bank, permission: 'question.manage' } },
  { path: 'questions/reviews', name: 'question-reviews', component: () => import('../pages/questions/ReviewQueuePage.vue'), meta: { title: '待复核', icon: HistoryIcon, group: bank, permission: 'question.manage' } },
  { path: 'questions/statistics', name: 'item-statistics', component: () => import('../pages/questions/ItemStatisticsPage.vue'), meta: { title: '题目分析', icon: ChartBarIcon, group: bank, permission: 'exam.results' } },
  { path: 'exams', name: 'exams', component: () => import('../pages/exams/ExamsPage.vue'), meta: { title: '考试安排', icon: CalendarIcon, group: exams, permission: 'exam.results' } },
  { path: 'exams/blueprints/new', name: 'blueprint-editor', component: () => import('../pages/exams/BlueprintEditorPage.vue'), meta: { title: '组卷方案', icon: LayersIcon, group: exams, permission: 'exam.manage' } },
  { path: 'exams/:id/monitor', name: 'exam-monitor', component: () => import('../pages/exams/ExamMonitorPage.vue'), meta: { title: '考试监控', group: exams, permission: 'exam.results' } },
  { path: 'exams/:id/results', name: 'exam-results', component: () => import('../pages/exams/ExamResultsPage.vue'), meta: { title: '考试成绩', group: exams, permission: 'exam.results' } },
  { path: 'campaigns', name: 'campaigns', component: () => import('../pages/campaigns/CampaignsPage.vue'), meta: { title: '学法活动', icon: FlagIcon, group: campaigns, permission: 'campaign.review' } },
  { path: 'campaigns/new', name: 'campaign-editor', component: () => import('../pages/campaigns/CampaignEditorPage.vue'), meta: { title: '新建活动', icon: EditIcon, group: campaigns, permission: 'campaign.manage' } },
  { path: 'campaigns/:id/edit', name: 'campaign-edit', component: () => import('../pages/campaigns/CampaignEditorPage.vue'), meta: { title: '修改活动', group: campaigns, permission: 'campaign.manage' } },
  { path: 'campaigns/:id/completion', name: 'campaign-completion', component: () => import('../pages/campaigns/CompletionPage.vue'), meta: { title: '完成情况', group: campaigns, permission: 'campaign.review' } },
  { path: 'campaigns/lectures', name: 'lectures', component: () => import('../pages/campaigns/LecturesPage.vue'), meta: { title: '讲法核实', icon: CheckCircleIcon, group: campaigns, permission: 'campaign.manage' } },
  { path: 'campaigns/reports', name: 'law-reports', component: () => import('../pages/campaigns/LawReportsPage.vue'), meta: { title: '述法评分', icon: ViewListIcon, group: campaigns, permission: 'campaign.review' } },
];
